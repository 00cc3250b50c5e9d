package dev.kompira.core.http;

import dev.kompira.core.builtin.JsonFunctions;
import dev.kompira.core.value.BinaryValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.Encodings;
import dev.kompira.core.value.FloatValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.Signature;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The request of one {@code urlopen} call, checked and made from its options (builtins.md §5.2,
 * D115). Immutable.
 *
 * @param uri           the URL with {@code params} added to its query
 * @param method        GET, POST, PUT, DELETE or HEAD
 * @param headers       the request headers the flow gave, name → text
 * @param body          the body and its Content-Type, or Java null
 * @param authorization the {@code Authorization} header of {@code user}/{@code password}, or Java null
 * @param cookies       the cookies to send, name → value
 * @param timeout       for connecting and for each read, or Java null (none)
 * @param timeoutText   {@code timeout} as the flow wrote it, for messages
 * @param verify        whether the server certificate and host name are checked
 * @param charset       the {@code charset} option, or Java null
 * @param binary        whether the content is always binary
 * @param proxies       the proxy per scheme
 */
public record UrlopenRequest(URI uri, String method, Map<String, String> headers, RequestBody body, String authorization,
        Map<String, String> cookies, Duration timeout, String timeoutText, boolean verify, Encodings.Encoding charset,
        boolean binary, Proxies proxies) {

    /** The signature of {@code urlopen} (builtins.md §2). */
    public static final Signature SIGNATURE = Signature.parse("urlopen(url, user=null, password=null, data=null, params=null,"
            + " files=null, timeout=null, encode=null, http_method=null, verify=false, quiet=false, headers=null,"
            + " cookies=null, charset=null, binary=false, proxies=null)");

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "HEAD");
    /** Headers the JDK's client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    /** Copies the maps. */
    public UrlopenRequest {
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        cookies = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(cookies));
    }

    /**
     * Checks the bound options of a call and makes its request; {@code directory} is where relative
     * paths in {@code files} start ({@code __dir__}, or Java null). A bad option is an
     * {@link UrlopenException} naming it.
     */
    public static UrlopenRequest of(Signature.Bound b, String directory) {
        Value data = b.get("data");
        if (!(data instanceof NullValue || data instanceof DictionaryValue || data instanceof StringValue || data instanceof BinaryValue)) {
            throw new UrlopenException("data must be a Dictionary, a String or Binary, got " + data.typeName());
        }
        boolean json = json(b.get("encode"));
        Value files = b.get("files");
        RequestBody body;
        if (files != NullValue.NULL) {
            if (json) {
                throw new UrlopenException("encode = 'json' cannot be used with files");
            }
            if (!(data instanceof NullValue || data instanceof DictionaryValue)) {
                throw new UrlopenException("with files, data must be a Dictionary of form fields, got " + data.typeName());
            }
            body = MultipartForm.encode(files, data instanceof DictionaryValue d ? d : null, directory);
        } else {
            body = body(data, json);
        }
        return new UrlopenRequest(uri(b.get("url"), b.get("params")), method(b.get("http_method"), body != null),
                textDictionary(b.get("headers"), "headers", true), body, authorization(b.get("user"), b.get("password")),
                textDictionary(b.get("cookies"), "cookies", false), timeout(b.get("timeout")), Rendering.text(b.get("timeout")),
                b.get("verify").truthy(), charset(b.get("charset")), b.get("binary").truthy(), proxies(b.get("proxies")));
    }

    private static boolean json(Value encode) {
        if (encode == NullValue.NULL) {
            return false;
        }
        if (encode instanceof StringValue s && s.value().equals("json")) {
            return true;
        }
        throw new UrlopenException("encode must be 'json' or null, got " + Rendering.nested(encode));
    }

    private static RequestBody body(Value data, boolean json) {
        if (data == NullValue.NULL) {
            return null;
        }
        if (json) {
            return new RequestBody(JsonFunctions.dump(data, true, null).getBytes(StandardCharsets.UTF_8), "application/json");
        }
        if (data instanceof DictionaryValue form) {
            return new RequestBody(FormEncoding.encode(form).getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
        }
        if (data instanceof BinaryValue binary) {
            return new RequestBody(binary.bytes(), null);
        }
        return new RequestBody(((StringValue) data).value().getBytes(StandardCharsets.UTF_8), null);
    }

    private static URI uri(Value url, Value params) {
        if (!(url instanceof StringValue s)) {
            throw new UrlopenException("url must be a String, got " + url.typeName());
        }
        String text = s.value();
        if (params != NullValue.NULL) {
            if (!(params instanceof DictionaryValue form)) {
                throw new UrlopenException("params must be a Dictionary, got " + params.typeName());
            }
            String query = FormEncoding.encode(form);
            if (!query.isEmpty()) {
                int fragment = text.indexOf('#');
                String head = fragment < 0 ? text : text.substring(0, fragment);
                String tail = fragment < 0 ? "" : text.substring(fragment);
                String separator = !head.contains("?") ? "?" : head.endsWith("?") || head.endsWith("&") ? "" : "&";
                text = head + separator + query + tail;
            }
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new UrlopenException("not a valid URL: '" + s.value() + "' (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new UrlopenException("not an absolute http:// or https:// URL: '" + s.value() + "'");
        }
        return uri;
    }

    private static String method(Value method, boolean hasBody) {
        if (method == NullValue.NULL) {
            return hasBody ? "POST" : "GET";
        }
        String name = Rendering.text(method).toUpperCase(Locale.ROOT);
        if (!(method instanceof StringValue) || !METHODS.contains(name)) {
            throw new UrlopenException("http_method must be one of GET, POST, PUT, DELETE, HEAD, got " + Rendering.nested(method));
        }
        return name;
    }

    private static Map<String, String> textDictionary(Value v, String option, boolean headerNames) {
        Map<String, String> out = new LinkedHashMap<>();
        if (v == NullValue.NULL) {
            return out;
        }
        if (!(v instanceof DictionaryValue d)) {
            throw new UrlopenException(option + " must be a Dictionary, got " + v.typeName());
        }
        for (Map.Entry<Value, Value> e : d.entries()) {
            String name = Rendering.text(e.getKey());
            if (headerNames && RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                throw new UrlopenException("the header '" + name + "' is set by the HTTP client and cannot be given in headers");
            }
            out.put(name, Rendering.text(e.getValue()));
        }
        return out;
    }

    private static String authorization(Value user, Value password) {
        if (user == NullValue.NULL && password == NullValue.NULL) {
            return null;
        }
        if (user == NullValue.NULL || password == NullValue.NULL) {
            throw new UrlopenException("user and password must be given together");
        }
        String credentials = Rendering.text(user) + ":" + Rendering.text(password);
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private static Duration timeout(Value v) {
        if (v == NullValue.NULL) {
            return null;
        }
        double seconds;
        if (v instanceof IntegerValue i) {
            seconds = i.doubleValue();
        } else if (v instanceof FloatValue f) {
            seconds = f.value();
        } else {
            throw new UrlopenException("timeout must be a number of seconds or null, got " + v.typeName());
        }
        if (!(seconds > 0) || seconds > Long.MAX_VALUE / 1e9) {
            throw new UrlopenException("timeout must be a positive number of seconds, got " + Rendering.text(v));
        }
        return Duration.ofNanos((long) (seconds * 1e9));
    }

    private static Encodings.Encoding charset(Value v) {
        if (v == NullValue.NULL) {
            return null;
        }
        if (!(v instanceof StringValue s)) {
            throw new UrlopenException("charset must be a String, got " + v.typeName());
        }
        return new Encodings.Encoding(s.value(), Encodings.charset(s.value())
                .orElseThrow(() -> new UrlopenException("unknown encoding '" + s.value() + "'")));
    }

    private static Proxies proxies(Value v) {
        if (v == NullValue.NULL) {
            return Proxies.NONE;
        }
        if (!(v instanceof DictionaryValue d)) {
            throw new UrlopenException("proxies must be a Dictionary, got " + v.typeName());
        }
        Map<String, InetSocketAddress> byScheme = new LinkedHashMap<>();
        for (Map.Entry<Value, Value> e : d.entries()) {
            String scheme = Rendering.text(e.getKey()).toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https"))) {
                throw new UrlopenException("proxies takes the schemes 'http' and 'https', got '" + scheme + "'");
            }
            if (e.getValue() != NullValue.NULL) {
                byScheme.put(scheme, proxy(Rendering.text(e.getValue())));
            }
        }
        return new Proxies(byScheme);
    }

    private static InetSocketAddress proxy(String url) {
        URI uri;
        try {
            uri = new URI(url.contains("://") ? url : "http://" + url);
        } catch (URISyntaxException e) {
            throw new UrlopenException("not a valid proxy URL: '" + url + "'");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new UrlopenException("a proxy must be an http:// URL with a host, got '" + url + "'");
        }
        if (uri.getUserInfo() != null) {
            throw new UrlopenException("a proxy URL with a user name and password is not supported: '" + url + "'");
        }
        return InetSocketAddress.createUnresolved(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort());
    }
}
