package dev.kompira.core.http;

import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.BinaryValue;
import dev.kompira.core.value.BooleanValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.Encodings;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpCookie;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * The result Dictionary of {@code urlopen} (builtins.md §5.1): its keys in the documented order,
 * the content with any gzip or deflate coding undone (within {@link BoundedBody#LIMIT}), the text
 * decoded as D115 says. Stateless.
 */
final class UrlopenResult {

    /** A redirect response on the way to the final one. */
    record Redirect(String url, int code) {
    }

    private UrlopenResult() {
    }

    static DictionaryValue of(UrlopenRequest request, HttpResponse<byte[]> response, List<Redirect> history) {
        byte[] content = decoded(response);
        String contentType = response.headers().firstValue("content-type").orElse("");
        boolean binary = request.binary() || isBinary(contentType);
        String encoding = null;
        String text = "";
        if (!binary) {
            Encodings.Encoding used = request.charset() != null ? request.charset() : declared(contentType);
            encoding = used.name();
            // decoding with a String constructor replaces what does not decode (D115)
            text = new String(content, used.charset());
        }
        BinaryValue contentValue = BinaryValue.of(content);
        DictionaryValue result = new DictionaryValue();
        result.put("url", StringValue.of(response.uri().toString()));
        result.put("code", IntegerValue.of(response.statusCode()));
        result.put("version", IntegerValue.of(response.version() == HttpClient.Version.HTTP_2 ? 20 : 11));
        result.put("text", StringValue.of(text));
        result.put("content", contentValue);
        result.put("body", binary ? contentValue : StringValue.of(text));
        result.put("encoding", encoding == null ? NullValue.NULL : StringValue.of(encoding));
        result.put("headers", headers(response));
        result.put("cookies", cookies(response));
        result.put("history", history(history));
        result.put("binary", BooleanValue.of(binary));
        return result;
    }

    /** Whether a Content-Type makes the content binary (builtins.md §5.1). */
    static boolean isBinary(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT).trim();
        return type.startsWith("image") || type.startsWith("audio") || type.startsWith("video")
                || type.contains("octet") || type.contains("binary");
    }

    /** The {@code charset} of a Content-Type when Java knows it, else UTF-8. */
    private static Encodings.Encoding declared(String contentType) {
        for (String parameter : contentType.split(";")) {
            String[] nameValue = parameter.trim().split("=", 2);
            if (nameValue.length == 2 && nameValue[0].trim().equalsIgnoreCase("charset")) {
                String name = nameValue[1].trim().replace("\"", "").replace("'", "");
                Optional<Charset> charset = Encodings.charset(name);
                if (charset.isPresent()) {
                    return new Encodings.Encoding(name, charset.get());
                }
            }
        }
        return Encodings.UTF_8;
    }

    /** The body with its gzip or deflate coding undone; any other coding is left as it came. */
    private static byte[] decoded(HttpResponse<byte[]> response) {
        String coding = response.headers().firstValue("content-encoding").orElse("").trim().toLowerCase(Locale.ROOT);
        byte[] raw = response.body() == null ? new byte[0] : response.body();
        try {
            switch (coding) {
                case "gzip", "x-gzip":
                    return bounded(new GZIPInputStream(new ByteArrayInputStream(raw)));
                case "deflate":
                    return bounded(new InflaterInputStream(new ByteArrayInputStream(raw)));
                default:
                    return raw;
            }
        } catch (IOException e) {
            throw new UrlopenException("cannot undo the " + coding + " coding of the response from " + response.uri() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    private static byte[] bounded(InputStream in) throws IOException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if ((long) out.size() + n > BoundedBody.LIMIT) {
                    throw new BoundedBody.TooLarge();
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    private static DictionaryValue headers(HttpResponse<?> response) {
        DictionaryValue headers = new DictionaryValue();
        for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
            if (!header.getKey().startsWith(":")) {
                headers.put(header.getKey(), StringValue.of(String.join(", ", header.getValue())));
            }
        }
        return headers;
    }

    private static DictionaryValue cookies(HttpResponse<?> response) {
        DictionaryValue cookies = new DictionaryValue();
        for (String setCookie : response.headers().allValues("set-cookie")) {
            parseCookie(setCookie).ifPresent(c -> cookies.put(c.getName(), StringValue.of(c.getValue())));
        }
        return cookies;
    }

    /** The cookie of one Set-Cookie header, or empty when it cannot be read. */
    static Optional<HttpCookie> parseCookie(String setCookie) {
        try {
            List<HttpCookie> parsed = HttpCookie.parse(setCookie);
            return parsed.isEmpty() ? Optional.empty() : Optional.of(parsed.get(0));
        } catch (IllegalArgumentException unreadable) {
            return Optional.empty();
        }
    }

    private static ArrayValue history(List<Redirect> redirects) {
        List<Value> items = new ArrayList<>();
        for (Redirect r : redirects) {
            DictionaryValue item = new DictionaryValue();
            item.put("url", StringValue.of(r.url()));
            item.put("code", IntegerValue.of(r.code()));
            items.add(item);
        }
        return new ArrayValue(items);
    }
}
