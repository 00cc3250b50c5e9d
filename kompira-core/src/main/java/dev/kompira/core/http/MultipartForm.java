package dev.kompira.core.http;

import dev.kompira.core.transport.WorkingDirectory;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.BinaryValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.FileValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hc.client5.http.entity.mime.HttpMultipartMode;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;

/**
 * The {@code multipart/form-data} body of {@code urlopen(files = ...)} (builtins.md §5.2): the
 * fields of a Dictionary {@code data} first, then one part per file with its file name and a
 * media type guessed from the name ({@code application/octet-stream} when none fits). The framing
 * is Apache HttpClient's {@link MultipartEntityBuilder} in the form browsers and Python's requests
 * send: file names in UTF-8 as they are, text fields without a Content-Type of their own.
 */
final class MultipartForm {

    private MultipartForm() {
    }

    /** One file to upload. */
    private record Part(String field, String fileName, byte[] content) {
    }

    /**
     * The body for {@code files} (a Dictionary or an Array of {@code [field, file]} pairs) with the
     * form fields of {@code data} (a Dictionary or Java null); {@code directory} is where relative
     * paths start ({@code __dir__}, or Java null for the engine's working directory).
     */
    static RequestBody encode(Value files, DictionaryValue data, String directory) {
        String boundary = "kompira-" + UUID.randomUUID();
        MultipartEntityBuilder builder = MultipartEntityBuilder.create()
                .setMode(HttpMultipartMode.LEGACY)
                .setCharset(StandardCharsets.UTF_8)
                .setBoundary(boundary);
        if (data != null) {
            for (Map.Entry<String, String> field : FormEncoding.fields(data)) {
                builder.addTextBody(field.getKey(), field.getValue(), ContentType.TEXT_PLAIN.withCharset(StandardCharsets.UTF_8));
            }
        }
        for (Part part : parts(files, directory)) {
            builder.addBinaryBody(part.field(), part.content(), mediaType(part.fileName()), part.fileName());
        }
        HttpEntity entity = builder.build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            entity.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        // the builder's own Content-Type names a charset that multipart/form-data does not define
        return new RequestBody(out.toByteArray(), "multipart/form-data; boundary=" + boundary);
    }

    private static List<Part> parts(Value files, String directory) {
        List<Part> parts = new ArrayList<>();
        if (files instanceof DictionaryValue d) {
            for (Map.Entry<Value, Value> e : d.entries()) {
                parts.add(part(Rendering.text(e.getKey()), e.getValue(), directory));
            }
        } else if (files instanceof ArrayValue a) {
            for (Value pair : a.snapshot()) {
                if (!(pair instanceof ArrayValue p) || p.size() != 2) {
                    throw new UrlopenException("each item of a files Array must be a [field, file] pair, got " + Rendering.nested(pair));
                }
                parts.add(part(Rendering.text(p.snapshot().get(0)), p.snapshot().get(1), directory));
            }
        } else {
            throw new UrlopenException("files must be a Dictionary or an Array, got " + files.typeName());
        }
        return parts;
    }

    /** A file in one of the four forms of builtins.md §5.2. */
    private static Part part(String field, Value file, String directory) {
        if (file instanceof FileValue f) {
            return new Part(field, f.name(), f.data().bytes());
        }
        if (file instanceof StringValue path) {
            Path source = resolve(path.value(), directory);
            Path name = source.getFileName();
            return new Part(field, name == null ? "" : name.toString(), read(source));
        }
        if (file instanceof DictionaryValue d && d.get("name") != null && d.get("data") != null) {
            return new Part(field, Rendering.text(d.get("name")), content(field, d.get("data")));
        }
        if (file instanceof ArrayValue a && a.size() == 2) {
            return new Part(field, Rendering.text(a.snapshot().get(0)), content(field, a.snapshot().get(1)));
        }
        throw new UrlopenException("the file of field '" + field + "' must be a File, a path, {name = ..., data = ...} or"
                + " [name, data], got " + Rendering.nested(file));
    }

    private static byte[] content(String field, Value data) {
        if (data instanceof StringValue s) {
            return s.value().getBytes(StandardCharsets.UTF_8);
        }
        if (data instanceof BinaryValue b) {
            return b.bytes();
        }
        throw new UrlopenException("the data of the file of field '" + field + "' must be a String or Binary, got " + data.typeName());
    }

    private static Path resolve(String path, String directory) {
        try {
            return WorkingDirectory.of(directory).resolve(path);
        } catch (InvalidPathException e) {
            throw new UrlopenException("not a valid path: " + e.getInput().replace("\0", "\\0"));
        }
    }

    private static byte[] read(Path source) {
        if (Files.isDirectory(source)) {
            throw new UrlopenException("cannot read " + source + ": it is a directory");
        }
        try {
            return Files.readAllBytes(source);
        } catch (NoSuchFileException e) {
            throw new UrlopenException("cannot read " + source + ": no such file");
        } catch (AccessDeniedException e) {
            throw new UrlopenException("cannot read " + source + ": permission denied");
        } catch (IOException e) {
            throw new UrlopenException("cannot read " + source + ": " + e.getMessage());
        }
    }

    private static ContentType mediaType(String fileName) {
        String guessed = URLConnection.guessContentTypeFromName(fileName);
        return guessed == null ? ContentType.APPLICATION_OCTET_STREAM : ContentType.create(guessed);
    }
}
