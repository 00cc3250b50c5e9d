package dev.kompira.core.object.types;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The string syntaxes of IPAddress, EMail and URL fields (objects.md §3.7). Pure text checks: no
 * name resolution, no network. Stateless and thread-safe.
 */
final class TextSyntax {

    /** A URL scheme (RFC 3986) and the rest of the text. */
    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.\\-]*):(.*)", Pattern.DOTALL);
    /** Schemes whose URLs name a host (§3.7: http, https, ftp and ftps need one). */
    private static final Set<String> HOST_SCHEMES = Set.of("http", "https", "ftp", "ftps");
    private static final int IPV6_GROUPS = 8;

    private TextSyntax() {
    }

    /**
     * Returns whether {@code text} is a dotted-quad IPv4 address (four parts 0–255, no leading
     * zeros, as Python's {@code ipaddress}) or an IPv6 address (Decision 16).
     */
    static boolean isIpAddress(String text) {
        return isIpv4(text) || isIpv6(text);
    }

    static boolean isIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (!isOctet(part)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isOctet(String part) {
        if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
            return false;
        }
        for (int i = 0; i < part.length(); i++) {
            if (part.charAt(i) < '0' || part.charAt(i) > '9') {
                return false;
            }
        }
        return Integer.parseInt(part) <= 255;
    }

    /**
     * Returns whether {@code text} is an IPv6 address: groups of 1–4 hexadecimal digits, at most one
     * {@code ::} standing for at least one zero group, optionally an IPv4 address as the last two
     * groups; no zone suffix.
     */
    static boolean isIpv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        String head = gap < 0 ? text : text.substring(0, gap);
        String tail = gap < 0 ? "" : text.substring(gap + 2);
        int headGroups = groups(head, gap < 0);
        int tailGroups = groups(tail, true);
        if (headGroups < 0 || tailGroups < 0) {
            return false;
        }
        int total = headGroups + tailGroups;
        return gap < 0 ? total == IPV6_GROUPS : total < IPV6_GROUPS;
    }

    /** Counts the groups of a colon-separated run (an IPv4 tail counts two), or returns -1 when malformed. */
    private static int groups(String run, boolean mayEndWithIpv4) {
        if (run.isEmpty()) {
            return 0;
        }
        String[] parts = run.split(":", -1);
        int count = 0;
        for (int i = 0; i < parts.length; i++) {
            boolean last = i == parts.length - 1;
            if (last && mayEndWithIpv4 && parts[i].indexOf('.') >= 0) {
                if (!isIpv4(parts[i])) {
                    return -1;
                }
                count += 2;
            } else if (isHextet(parts[i])) {
                count++;
            } else {
                return -1;
            }
        }
        return count;
    }

    private static boolean isHextet(String part) {
        if (part.isEmpty() || part.length() > 4) {
            return false;
        }
        for (int i = 0; i < part.length(); i++) {
            if (Character.digit(part.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Returns whether {@code text} is {@code local@domain}: one {@code @}, both parts non-empty, no whitespace. */
    static boolean isEmail(String text) {
        int at = text.indexOf('@');
        if (at <= 0 || at == text.length() - 1 || text.indexOf('@', at + 1) >= 0) {
            return false;
        }
        return text.codePoints().noneMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c));
    }

    /**
     * Checks a URL against {@code schemes} (lower case). Returns the URL to store — the scheme in
     * lower case, the rest unchanged — or the reason it is refused.
     */
    static Result<String> url(String text, List<String> schemes) {
        Matcher m = SCHEME.matcher(text);
        if (!m.matches()) {
            return Result.failure("is not a URL (no scheme)");
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme)) {
            return Result.failure("has scheme '" + scheme + "', not one of " + schemes);
        }
        String normalised = scheme + ":" + m.group(2);
        URI uri;
        try {
            uri = new URI(normalised);
        } catch (URISyntaxException e) {
            return Result.failure("is not a valid URL: " + e.getReason());
        }
        if (HOST_SCHEMES.contains(scheme) && host(uri).isEmpty()) {
            return Result.failure("has no host");
        }
        return Result.success(normalised);
    }

    /** Returns the host of the URL's authority (without user information and port), or empty. */
    private static Optional<String> host(URI uri) {
        String authority = uri.getRawAuthority();
        if (authority == null) {
            return Optional.empty();
        }
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        String host = hostPort.startsWith("[") ? hostPort.substring(0, hostPort.indexOf(']') + 1)
                : hostPort.replaceFirst(":[^:]*$", "");
        return host.isEmpty() ? Optional.empty() : Optional.of(host);
    }

    /**
     * A checked text: the value to store, or why it was refused.
     *
     * @param value  the value (null on failure)
     * @param reason the reason (null on success)
     * @param <T>    the value type
     */
    record Result<T>(T value, String reason) {

        static <T> Result<T> success(T value) {
            return new Result<>(value, null);
        }

        static <T> Result<T> failure(String reason) {
            return new Result<>(null, reason);
        }

        boolean ok() {
            return reason == null;
        }
    }
}
