package dev.kompira.core.vm;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.object.ObjectValue;
import dev.kompira.core.object.types.FieldDefinition;
import dev.kompira.core.object.types.FieldKind;
import dev.kompira.core.object.types.FieldType;
import dev.kompira.core.transport.LocalFiles;
import dev.kompira.core.transport.WorkingDirectory;
import dev.kompira.core.value.Arguments;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.BinaryValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.FileValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.Signature;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The built-in jobs {@code download} and {@code upload} (builtins.md §2, D118): files move between
 * File values of the object tree and the file system of the engine host. Relative paths start from
 * the directory a local command of the flow runs in: {@code __dir__} when it is set, else the
 * engine's working directory (D139, {@link WorkingDirectory}). Downloads replace files atomically,
 * so a failed write never leaves a half-written file in place of the old one.
 */
final class FileTransferJobs {

    private static final Signature DOWNLOAD = Signature.parse("download(from_file, to_path)");
    private static final Signature UPLOAD = Signature.parse("upload(from_path, to_object, to_field, to_subscript=null)");

    private FileTransferJobs() {
    }

    /** Returns whether {@code name} is {@code download} or {@code upload}. */
    static boolean isFileTransfer(String name) {
        return name.equals("download") || name.equals("upload");
    }

    /** Runs {@code name(args)} with the {@code __dir__} in effect where the job is written (D57). */
    static void run(Machine m, FlowFrame f, String name, Arguments args, Slot[] controls) {
        String directory = Commands.text(Commands.values(m, f, controls), "__dir__");
        Value result = name.equals("upload") ? upload(args, directory) : download(args, directory);
        f.invocation.setOutcome(result, IntegerValue.ZERO, StringValue.EMPTY);
    }

    /**
     * Writes the File(s) of {@code from_file} under {@code to_path}, relative to {@code directory}
     * ({@code __dir__}, or {@code null}); {@code $RESULT} is the path or paths written.
     */
    private static Value download(Arguments args, String directory) {
        Signature.Bound b = DOWNLOAD.bind(args);
        Value from = b.get("from_file");
        List<FileValue> files = filesOf(from);
        String toPath = text(b.get("to_path"), "download", "to_path");
        Path target = resolve("download", directory, toPath);
        boolean intoDirectory = Files.isDirectory(target) || toPath.endsWith("/");
        if (!intoDirectory && files.size() != 1) {
            throw failure("download", "several files need a directory, and " + target + " is not one");
        }
        if (intoDirectory && !Files.isDirectory(target)) {
            throw failure("download", "no such directory: " + target);
        }
        List<Value> written = new ArrayList<>();
        for (FileValue file : files) {
            Path path = intoDirectory ? target.resolve(safeName(file.name())) : target;
            write(path, file.data().bytes());
            written.add(StringValue.of(path.toString()));
        }
        return from instanceof FileValue ? written.get(0) : new ArrayValue(written);
    }

    /**
     * Stores the file {@code from_path}, relative to {@code directory} ({@code __dir__}, or
     * {@code null}), in a File field of {@code to_object}; {@code $RESULT} is its name.
     */
    private static Value upload(Arguments args, String directory) {
        Signature.Bound b = UPLOAD.bind(args);
        Path source = resolve("upload", directory, text(b.get("from_path"), "upload", "from_path"));
        if (!(b.get("to_object") instanceof ObjectValue object)) {
            throw failure("upload", "to_object must be an Object, got " + b.get("to_object").typeName());
        }
        String fieldName = text(b.get("to_field"), "upload", "to_field");
        FieldDefinition field = object.tree().typeOf(object.stored()).field(fieldName)
                .orElseThrow(() -> failure("upload", object.stored().path() + " has no field '" + fieldName + "'"));
        if (!field.type().isFileKind()) {
            throw failure("upload", "field '" + fieldName + "' of " + object.stored().path() + " is a "
                    + field.declaration() + ", not a File field");
        }
        FileValue file = new FileValue(source.getFileName() == null ? "" : source.getFileName().toString(), read(source));
        Value stored = placed(object, field.type(), fieldName, file, b.get("to_subscript"));
        object.updateField(fieldName, stored);
        return StringValue.of(file.name());
    }

    /** {@code path} on the engine host: absolute as it is, relative from {@code directory} as a local command's directory. */
    private static Path resolve(String job, String directory, String path) {
        try {
            return WorkingDirectory.of(directory).resolve(path);
        } catch (InvalidPathException e) {
            throw failure(job, "not a valid path: " + e.getInput().replace("\0", "\\0"));
        }
    }

    private static List<FileValue> filesOf(Value from) {
        List<Value> items = from instanceof FileValue ? List.of(from)
                : from instanceof ArrayValue a ? a.snapshot()
                : from instanceof DictionaryValue d ? d.entries().stream().map(Map.Entry::getValue).toList()
                : null;
        if (items == null || items.stream().anyMatch(v -> !(v instanceof FileValue))) {
            throw failure("download", "from_file must be a File or the value of a File field, got " + from.typeName());
        }
        return items.stream().map(FileValue.class::cast).toList();
    }

    /** Attachment names become file names; one that could leave the directory is refused. */
    private static String safeName(String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/") || name.contains("\0")) {
            throw failure("download", "the attachment name '" + name + "' is not a plain file name");
        }
        return name;
    }

    private static void write(Path path, byte[] bytes) {
        Path parent = path.toAbsolutePath().getParent();
        try {
            Path temporary = Files.createTempFile(parent, ".download-", ".part");
            try {
                Files.write(temporary, bytes);
                LocalFiles.moveOver(temporary, path);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw failure("download", "cannot write " + path + ": " + describe(e));
        }
    }

    private static BinaryValue read(Path source) {
        if (Files.isDirectory(source)) {
            throw failure("upload", source + " is a directory");
        }
        try {
            return BinaryValue.of(Files.readAllBytes(source));
        } catch (IOException e) {
            throw failure("upload", "cannot read " + source + ": " + describe(e));
        }
    }

    /** The new value of the field: the file itself, or the field's Array or Dictionary with the file placed in it. */
    private static Value placed(ObjectValue object, FieldType type, String fieldName, FileValue file, Value subscript) {
        if (type.kind() == FieldKind.FILE) {
            if (subscript != NullValue.NULL) {
                throw failure("upload", "field '" + fieldName + "' holds one File and takes no to_subscript");
            }
            return file;
        }
        Value current = object.tree().readField(object.stored(), fieldName);
        if (type.kind() == FieldKind.ARRAY) {
            ArrayValue array = current instanceof ArrayValue a ? new ArrayValue(a.snapshot()) : new ArrayValue();
            placeInArray(array, file, subscript);
            return array;
        }
        DictionaryValue dictionary = current instanceof DictionaryValue d ? copy(d) : new DictionaryValue();
        dictionary.put(subscript == NullValue.NULL ? StringValue.of(file.name()) : subscript, file);
        return dictionary;
    }

    private static void placeInArray(ArrayValue array, FileValue file, Value subscript) {
        if (subscript == NullValue.NULL) {
            array.items().add(file);
            return;
        }
        if (!(subscript instanceof IntegerValue index) || !index.fitsLong()) {
            throw failure("upload", "to_subscript of an Array field must be an Integer, got " + subscript.typeName());
        }
        long i = index.longValue() < 0 ? index.longValue() + array.size() : index.longValue();
        if (i < 0 || i >= array.size()) {
            throw failure("upload", "index " + index.longValue() + " is out of range for " + array.size() + " files");
        }
        array.items().set((int) i, file);
    }

    private static DictionaryValue copy(DictionaryValue d) {
        DictionaryValue copy = new DictionaryValue();
        d.entries().forEach(e -> copy.put(e.getKey(), e.getValue()));
        return copy;
    }

    private static String text(Value v, String job, String parameter) {
        if (v instanceof StringValue s) {
            return s.value();
        }
        throw failure(job, parameter + " must be a String, got " + v.typeName());
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static JobflowError failure(String job, String detail) {
        return new JobflowError(ErrorCode.R_CALL_FAILED, job + ": " + detail);
    }
}
