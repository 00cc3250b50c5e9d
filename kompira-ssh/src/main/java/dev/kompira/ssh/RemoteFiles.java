package dev.kompira.ssh;

import dev.kompira.core.transport.CommandLine;
import dev.kompira.core.transport.LocalFiles;
import dev.kompira.core.transport.PathPatterns;
import dev.kompira.core.transport.TransferRequest;
import dev.kompira.core.transport.TransferResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import net.schmizz.sshj.sftp.FileAttributes;
import net.schmizz.sshj.sftp.FileMode;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteResourceInfo;
import net.schmizz.sshj.sftp.SFTPClient;

/**
 * {@code put} and {@code get} over SFTP (builtins.md §3): the same wildcards and placement rules as
 * on the engine host ({@link LocalFiles}), remote relative paths starting from {@code __dir__}, else
 * from the login directory. Used by one transfer at a time.
 */
final class RemoteFiles {

    /** rwx------ */
    private static final int PRIVATE_EXECUTABLE = 0700;

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private final SFTPClient sftp;
    private final TransferRequest request;
    private final RootShell asRoot;

    RemoteFiles(SFTPClient sftp, TransferRequest request, RootShell asRoot) {
        this.sftp = sftp;
        this.request = request;
        this.asRoot = asRoot;
        sftp.getFileTransfer().setPreserveAttributes(false);
    }

    /** Copies as the request says; a missing source or an SFTP error is a failed job. */
    TransferResult transfer() throws IOException {
        Path engine = Path.of("").toAbsolutePath();
        if (request.direction() == TransferRequest.Direction.PUT) {
            List<Path> sources = LocalFiles.expand(engine, request.source());
            if (sources.isEmpty()) {
                return noSuchFile();
            }
            String destination = remote(request.destination());
            return new TransferResult.Done(request.sudo() ? putAsRoot(sources, destination) : put(sources, destination));
        }
        if (request.sudo()) {
            return new TransferResult.Failed("get: __sudo__ is not supported: files are read as the login user");
        }
        List<String> sources = expand(remote(request.source()));
        if (sources.isEmpty()) {
            return noSuchFile();
        }
        return new TransferResult.Done(get(sources, engine.resolve(request.destination())));
    }

    private TransferResult noSuchFile() {
        return new TransferResult.Failed(request.job() + ": no such file: " + request.source());
    }

    /** A target path as SFTP takes it: relative paths below {@code __dir__} when it is set. */
    private String remote(String path) {
        if (path.startsWith("/") || request.directory() == null || request.directory().isEmpty()) {
            return path;
        }
        return request.directory().replaceAll("/+$", "") + "/" + path;
    }

    private List<String> put(List<Path> sources, String destination) throws IOException {
        boolean into = isDirectory(destination) || sources.size() > 1;
        if (into) {
            sftp.mkdirs(destination);
        }
        List<String> written = new ArrayList<>();
        for (Path source : sources) {
            String target = into ? destination + "/" + source.getFileName() : destination;
            if (Files.isDirectory(source)) {
                putTree(source, target, written);
            } else {
                putFile(source, target);
                written.add(target);
            }
        }
        return written;
    }

    private void putTree(Path directory, String target, List<String> written) throws IOException {
        sftp.mkdirs(target);
        List<Path> entries;
        try (Stream<Path> list = Files.list(directory)) {
            entries = list.sorted().toList();
        }
        for (Path entry : entries) {
            String child = target + "/" + entry.getFileName();
            if (Files.isDirectory(entry)) {
                putTree(entry, child, written);
            } else {
                putFile(entry, child);
                written.add(child);
            }
        }
    }

    /**
     * {@code put} with {@code __sudo__}: the files go to a private staging folder as the login user,
     * then {@code sudo cp} puts them in place (owned by root, modes kept) and the staging folder is
     * removed.
     */
    private List<String> putAsRoot(List<Path> sources, String destination) throws IOException {
        String staging = "/tmp/kompira-put-" + Long.toUnsignedString(RANDOM.nextLong(), 36);
        sftp.mkdir(staging);
        sftp.chmod(staging, PRIVATE_EXECUTABLE);
        try {
            List<String> staged = put(sources, staging);
            boolean into = isDirectory(destination) || sources.size() > 1;
            StringBuilder script = new StringBuilder(into ? "mkdir -p " + CommandLine.quote(destination) : "true");
            for (Path source : sources) {
                script.append(" && cp -R --preserve=mode,timestamps ").append(CommandLine.quote(staging + "/" + source.getFileName()))
                        .append(' ').append(CommandLine.quote(into ? destination + "/" : destination));
            }
            asRoot.run(script.toString());
            List<String> written = new ArrayList<>();
            for (String path : staged) {
                String below = path.substring(staging.length() + 1);
                written.add(into ? destination + "/" + below
                        : destination + below.substring(below.indexOf('/') < 0 ? below.length() : below.indexOf('/')));
            }
            return written;
        } finally {
            asRoot.removeStaging(staging);
        }
    }

    /** Runs shell scripts on the target for {@link #putAsRoot}. */
    interface RootShell {
        /** Runs {@code script} as root through sudo; a failure is an IOException with its standard error. */
        void run(String script) throws IOException;

        /** Removes the staging folder as the login user, quietly. */
        void removeStaging(String folder);
    }

    /**
     * Copies one file with its mode, as {@code scp} does; an executable copy is created with mode
     * 0700 (and nothing in it) before its text is written. sshj's own attribute copying is off
     * because it gives every file 0644.
     */
    private void putFile(Path source, String target) throws IOException {
        if (request.executable()) {
            sftp.open(target, EnumSet.of(OpenMode.CREAT, OpenMode.WRITE, OpenMode.TRUNC),
                    new FileAttributes.Builder().withPermissions(PRIVATE_EXECUTABLE).build()).close();
            sftp.chmod(target, PRIVATE_EXECUTABLE);
            sftp.put(source.toString(), target);
        } else {
            sftp.put(source.toString(), target);
            sftp.chmod(target, mode(source));
        }
    }

    private static int mode(Path file) throws IOException {
        int mode = 0;
        for (PosixFilePermission p : Files.getPosixFilePermissions(file)) {
            mode |= 1 << (8 - p.ordinal());
        }
        return mode;
    }

    private List<String> get(List<String> sources, Path destination) throws IOException {
        boolean into = Files.isDirectory(destination) || sources.size() > 1;
        if (into) {
            Files.createDirectories(destination);
        }
        List<String> written = new ArrayList<>();
        for (String source : sources) {
            Path target = into ? destination.resolve(name(source)) : destination;
            getTree(source, target, written);
        }
        return written;
    }

    private void getTree(String source, Path target, List<String> written) throws IOException {
        if (isDirectory(source)) {
            Files.createDirectories(target);
            List<RemoteResourceInfo> entries = new ArrayList<>(sftp.ls(source));
            entries.sort(Comparator.comparing(RemoteResourceInfo::getName));
            for (RemoteResourceInfo entry : entries) {
                getTree(entry.getPath(), target.resolve(entry.getName()), written);
            }
        } else {
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            sftp.get(source, target.toString());
            written.add(target.toString());
        }
    }

    /** The remote paths {@code pattern} names, each wildcard element matched against a listing. */
    private List<String> expand(String pattern) throws IOException {
        List<String> current = List.of("");
        for (String element : PathPatterns.elements(pattern)) {
            List<String> next = new ArrayList<>();
            for (String dir : current) {
                if (element.equals("/")) {
                    next.add("/");
                } else if (PathPatterns.hasWildcards(element)) {
                    next.addAll(matching(dir, PathPatterns.matcher(element)));
                } else if (sftp.statExistence(join(dir, element)) != null) {
                    next.add(join(dir, element));
                }
            }
            current = next;
        }
        return current.equals(List.of("")) ? List.of() : current;
    }

    private List<String> matching(String dir, Predicate<String> matches) throws IOException {
        if (!isDirectory(dir.isEmpty() ? "." : dir)) {
            return List.of();
        }
        return sftp.ls(dir.isEmpty() ? "." : dir).stream().map(RemoteResourceInfo::getName).filter(matches).sorted()
                .map(name -> join(dir, name)).toList();
    }

    private static String join(String dir, String name) {
        return dir.isEmpty() ? name : dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    private static String name(String path) {
        String trimmed = path.replaceAll("/+$", "");
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    private boolean isDirectory(String path) throws IOException {
        FileAttributes attributes = sftp.statExistence(path);
        return attributes != null && attributes.getType() == FileMode.Type.DIRECTORY;
    }
}
