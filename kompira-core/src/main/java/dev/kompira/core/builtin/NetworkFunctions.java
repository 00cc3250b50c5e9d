package dev.kompira.core.builtin;

import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.Signature;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The built-in function {@code iprange} (builtins.md §4, D132): the addresses of an IPv4 or IPv6
 * network in CIDR notation. Addresses are parsed here, never by {@link java.net.InetAddress},
 * which would resolve host names. The accepted syntax is that of Python's {@code ipaddress}
 * module (no leading zeros in IPv4 octets, at most one {@code ::}, an IPv4 tail in IPv6, no zone
 * index); the output is its canonical text (RFC 5952 compression, lower-case hexadecimal).
 * Stateless and thread-safe.
 */
final class NetworkFunctions {

    /** The largest network {@code iprange} expands has 2^16 = 65 536 addresses (D132). */
    private static final int MAX_HOST_BITS = 16;

    private NetworkFunctions() {
    }

    /** Adds this family's functions to {@code catalogue}. */
    static void register(Map<String, BuiltinFunction> catalogue) {
        catalogue.put("iprange", BuiltinFunction.of("iprange(address)", (arguments, context) -> iprange(arguments)));
    }

    private static Value iprange(Signature.Bound arguments) {
        if (!(arguments.get("address") instanceof StringValue address)) {
            throw arguments.fail("address must be a String");
        }
        Network network = Network.parse(address.value());
        if (network == null) {
            throw arguments.fail("invalid network '" + address.value() + "'");
        }
        if (network.hostBits() > MAX_HOST_BITS) {
            throw arguments.fail("network too large");
        }
        List<Value> addresses = new ArrayList<>();
        BigInteger current = network.first();
        for (int i = 0; i < 1 << network.hostBits(); i++) {
            addresses.add(StringValue.of(network.format(current)));
            current = current.add(BigInteger.ONE);
        }
        return new ArrayValue(addresses);
    }

    /**
     * A parsed network.
     *
     * @param address the address as written, host bits included
     * @param bits    32 for IPv4, 128 for IPv6
     * @param prefix  the prefix length
     */
    private record Network(BigInteger address, int bits, int prefix) {

        /** Returns the network of {@code text} ({@code address[/prefix]}), or {@code null} when malformed. */
        static Network parse(String text) {
            int slash = text.indexOf('/');
            String host = slash < 0 ? text : text.substring(0, slash);
            boolean v6 = host.indexOf(':') >= 0;
            BigInteger address = v6 ? parseIpv6(host) : parseIpv4(host);
            int bits = v6 ? 128 : 32;
            if (address == null) {
                return null;
            }
            if (slash < 0) {
                return new Network(address, bits, bits);
            }
            String prefix = text.substring(slash + 1);
            int length = decimal(prefix, 3);
            return length < 0 || length > bits ? null : new Network(address, bits, length);
        }

        /** Returns the number of host bits: the network holds 2<sup>hostBits</sup> addresses. */
        int hostBits() {
            return bits - prefix;
        }

        /** Returns the network address: {@code address} with the host bits cleared. */
        BigInteger first() {
            return address.shiftRight(hostBits()).shiftLeft(hostBits());
        }

        /** Returns the canonical text of {@code value} in this network's family. */
        String format(BigInteger value) {
            return bits == 32 ? formatIpv4(value.longValue()) : formatIpv6(value);
        }
    }

    /** Returns the value of 1 to {@code maxDigits} ASCII digits, or -1. */
    private static int decimal(String text, int maxDigits) {
        if (text.isEmpty() || text.length() > maxDigits) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Parses dotted-quad IPv4 (Python's rules: four decimal octets 0–255, no leading zeros), or {@code null}. */
    private static BigInteger parseIpv4(String text) {
        Long value = ipv4Value(text);
        return value == null ? null : BigInteger.valueOf(value);
    }

    private static Long ipv4Value(String text) {
        String[] octets = text.split("\\.", -1);
        if (octets.length != 4) {
            return null;
        }
        long value = 0;
        for (String octet : octets) {
            int n = decimal(octet, 3);
            if (n < 0 || n > 255 || (octet.length() > 1 && octet.charAt(0) == '0')) {
                return null;
            }
            value = value << 8 | n;
        }
        return value;
    }

    /**
     * Parses IPv6 text: eight groups of 1–4 hexadecimal digits, one {@code ::} standing for at
     * least one zero group, optionally a dotted IPv4 address as the last two groups; or {@code null}.
     */
    private static BigInteger parseIpv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        // only the last group of the whole address may be written as dotted IPv4
        List<Integer> head = gap < 0 ? hextets(text, true) : hextets(text.substring(0, gap), false);
        List<Integer> tail = gap < 0 ? List.of() : hextets(text.substring(gap + 2), true);
        if (head == null || tail == null) {
            return null;
        }
        int count = head.size() + tail.size();
        if (gap < 0 ? count != 8 : count > 7) {
            return null;
        }
        BigInteger value = BigInteger.ZERO;
        for (int group : head) {
            value = value.shiftLeft(16).or(BigInteger.valueOf(group));
        }
        value = value.shiftLeft(16 * (8 - count));
        for (int group : tail) {
            value = value.shiftLeft(16).or(BigInteger.valueOf(group));
        }
        return value;
    }

    /** Returns the groups of a colon-separated run (the last may be dotted IPv4 when allowed), or {@code null}. */
    private static List<Integer> hextets(String run, boolean ipv4Tail) {
        List<Integer> groups = new ArrayList<>();
        if (run.isEmpty()) {
            return groups;
        }
        String[] parts = run.split(":", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (ipv4Tail && i == parts.length - 1 && part.indexOf('.') >= 0) {
                Long v4 = ipv4Value(part);
                if (v4 == null) {
                    return null;
                }
                groups.add((int) (v4 >> 16));
                groups.add((int) (v4 & 0xffff));
            } else if (part.isEmpty() || part.length() > 4 || !part.chars().allMatch(NetworkFunctions::isHex)) {
                return null;
            } else {
                groups.add(Integer.parseInt(part, 16));
            }
        }
        return groups;
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static String formatIpv4(long value) {
        return (value >> 24 & 0xff) + "." + (value >> 16 & 0xff) + "." + (value >> 8 & 0xff) + "." + (value & 0xff);
    }

    /**
     * Formats IPv6 as RFC 5952 (and Python) do: lower-case groups without leading zeros, the
     * longest run of two or more zero groups (the first of equal runs) written {@code ::}.
     */
    private static String formatIpv6(BigInteger value) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = value.shiftRight(16 * (7 - i)).intValue() & 0xffff;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int run = 0;
            while (i + run < 8 && groups[i + run] == 0) {
                run++;
            }
            if (run > bestLength) {
                bestStart = i;
                bestLength = run;
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
            } else {
                if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                    out.append(':');
                }
                out.append(Integer.toHexString(groups[i]));
            }
        }
        return out.toString();
    }
}
