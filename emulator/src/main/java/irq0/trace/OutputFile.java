package irq0.trace;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One file a run writes (a trace, a waveform, a timeline), treated as {@code tee} and
 * {@code gcc -o} treat their outputs:
 * <ul>
 * <li>A regular file (or a name that does not exist yet) is written under a hidden temporary name
 * in the same folder and renamed over its target when the run ends, so a run that fails never
 * leaves half a file under the name the user gave and never loses what was there. The temporary
 * file is created as {@code open(2)} creates any file, mode 0666 less the umask; a file that was
 * there keeps its permissions. A file with no write permission bit is refused, even for root.</li>
 * <li>A symbolic link is followed: the file it points to is written, the link stays.</li>
 * <li>Anything else that exists (a FIFO, {@code >(...)}, a character device such as
 * {@code /dev/null} or {@code /dev/full}) is opened and written through in order, so a reader
 * sees events as they come; it is never replaced. {@code -}, {@code /dev/stdout} and
 * {@code /dev/stderr} (and their {@code /dev/fd}, {@code /proc/self/fd} names) write to the
 * process's own stdout or stderr, without reopening them, so {@code > file} keeps its offset.</li>
 * </ul>
 * Writing never throws: the first error (a full disk, a reader that went away) is kept, later
 * writes are dropped, and {@link #finish} or {@link #abandon} says in one line what became of the
 * output. A run is therefore never stopped by one of its outputs.
 */
public final class OutputFile {
    /** Why a file cannot be opened, in one line; {@code usage} when the path itself is wrong. */
    public static final class OpenException extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean usage;

        public OpenException(String message, boolean usage) {
            super(message, null, false, false);
            this.usage = usage;
        }

        /** The path given cannot be an output (a folder, a missing folder, used twice). */
        public boolean isUsageError() {
            return usage;
        }
    }

    private static final AtomicLong TEMP_COUNTER = new AtomicLong();
    private static final int MAX_LINKS = 40;

    private final String label;
    private final Path target;
    private final Path temp;
    private final boolean ownDescriptor;
    private final OutputStream raw;
    private final Guard guard = new Guard();
    private boolean ended;

    private OutputFile(String label, Path target, Path temp, OutputStream raw, boolean ownDescriptor) {
        this.label = label;
        this.target = target;
        this.temp = temp;
        this.raw = raw;
        this.ownDescriptor = ownDescriptor;
    }

    /**
     * Where {@code path}, given to {@code option} (for messages: "--trace t.txt"), would be
     * written, checked but not opened yet, so that a caller can compare several outputs before a
     * FIFO blocks on its first reader.
     */
    public static Target check(String option, String path) throws OpenException {
        String label = option + " " + path;
        FileDescriptor own = ownDescriptor(path);
        if (own != null) {
            Object id = identityOf(Path.of(own == FileDescriptor.out ? "/dev/stdout" : "/dev/stderr"));
            return new Target(label, null, own, id == null ? own : id, true);
        }
        Path given = Path.of(path);
        if (path.startsWith("/dev/fd/") || path.startsWith("/proc/")) {
            // a descriptor this process was given (bash's >(...) is /dev/fd/63): the kernel's magic
            // link leads to a pipe or a file another process holds open, so it is written in place
            Object id = identityOf(given);
            if (id == null) {
                throw new OpenException("irq0 boot: " + label + ": No such file or directory", false);
            }
            return new Target(label, given, null, id, true);
        }
        Path target;
        try {
            target = followLinks(given);
        } catch (IOException e) {
            throw new OpenException("irq0 boot: " + label + ": " + reason(e), false);
        }
        if (Files.isDirectory(target)) {
            throw new OpenException("irq0 boot: " + label + ": is a folder", true);
        }
        Object id = identityOf(target);
        if (id != null && !Files.isRegularFile(target)) {
            return new Target(label, target, null, id, true);
        }
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new OpenException("irq0 boot: " + label + ": no such folder: " + dir, true);
        }
        if (id != null && (!Files.isWritable(target) || !anyWriteBit(target))) {
            throw new OpenException("irq0 boot: " + label + ": Permission denied (a read-only file)", false);
        }
        if (id == null) {
            try {
                id = dir.toRealPath().resolve(target.getFileName());
            } catch (IOException e) {
                throw new OpenException("irq0 boot: " + label + ": " + reason(e), false);
            }
        }
        return new Target(label, target, null, id, false);
    }

    /** A checked output path: {@link #open} it. */
    public static final class Target {
        private final String label;
        private final Path path;
        private final FileDescriptor own;
        private final Object identity;
        private final boolean inPlace;

        private Target(String label, Path path, FileDescriptor own, Object identity, boolean inPlace) {
            this.label = label;
            this.path = path;
            this.own = own;
            this.identity = identity;
            this.inPlace = inPlace;
        }

        /** The same file under any name: device and inode, or the real path of a new file. */
        public Object identity() {
            return identity;
        }

        public String label() {
            return label;
        }

        /** Opens the output; a FIFO blocks here until a reader opens it, as for any writer. */
        public OutputFile open() throws OpenException {
            if (own != null) {
                return new OutputFile(label, null, null, new FileOutputStream(own), true);
            }
            try {
                if (inPlace) {
                    return new OutputFile(label, null, null, new FileOutputStream(path.toFile()), false);
                }
                Path dir = path.toAbsolutePath().getParent();
                try {
                    Path temp = createTemp(dir, path.getFileName().toString());
                    return new OutputFile(label, path, temp, Files.newOutputStream(temp, StandardOpenOption.WRITE), false);
                } catch (AccessDeniedException e) {
                    // a writable file in a folder we cannot create files in: written in place, as tee does
                    return new OutputFile(label, null, null, new FileOutputStream(path.toFile()), false);
                }
            } catch (IOException e) {
                throw new OpenException("irq0 boot: " + label + ": " + reason(e), false);
            }
        }
    }

    private static FileDescriptor ownDescriptor(String path) {
        switch (path) {
            case "-":
            case "/dev/stdout":
            case "/dev/fd/1":
            case "/proc/self/fd/1":
                return FileDescriptor.out;
            case "/dev/stderr":
            case "/dev/fd/2":
            case "/proc/self/fd/2":
                return FileDescriptor.err;
            default:
                return null;
        }
    }

    /** The path a chain of symbolic links ends at (which may not exist yet: it is then created). */
    private static Path followLinks(Path p) throws IOException {
        for (int i = 0; i < MAX_LINKS && Files.isSymbolicLink(p); i++) {
            Path link = Files.readSymbolicLink(p);
            Path parent = p.toAbsolutePath().getParent();
            p = parent == null ? link : parent.resolve(link);
        }
        if (Files.isSymbolicLink(p)) {
            throw new FileSystemException(p.toString(), null, "Too many levels of symbolic links");
        }
        return p;
    }

    /**
     * A file nobody may write is taken as read-only even by root, whom access(2) lets write
     * anything: the user marked it so, and a trace is not worth overriding that.
     */
    private static boolean anyWriteBit(Path p) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            return perms.contains(PosixFilePermission.OWNER_WRITE) || perms.contains(PosixFilePermission.GROUP_WRITE)
                    || perms.contains(PosixFilePermission.OTHERS_WRITE);
        } catch (UnsupportedOperationException | IOException e) {
            return true;
        }
    }

    /** The file's device and inode when it exists, so two names of one file are seen as one. */
    private static Object identityOf(Path p) {
        try {
            Object key = Files.readAttributes(p, BasicFileAttributes.class).fileKey();
            return key != null ? key : p.toRealPath();
        } catch (IOException e) {
            return null;
        }
    }

    private static Path createTemp(Path dir, String name) throws IOException {
        long pid = ProcessHandle.current().pid();
        while (true) {
            Path temp = dir.resolve("." + name + "." + pid + "-" + TEMP_COUNTER.incrementAndGet() + ".irq0-tmp");
            try {
                // no permission attributes: open(2) applies 0666 less the umask, as for any new file
                Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return temp;
            } catch (FileAlreadyExistsException e) {
                // another run's temporary file: try the next name
            }
        }
    }

    /** What the OS said, without the path Java puts in front of it. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason();
        }
        String m = e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        // FileOutputStream: "/path (Permission denied)"
        int open = m.lastIndexOf(" (");
        return open >= 0 && m.endsWith(")") ? m.substring(open + 2, m.length() - 1) : m;
    }

    /** The option and the path as the user gave them, for messages. */
    public String label() {
        return label;
    }

    /** Where the bytes go; writing to it never throws (see the class comment). */
    public OutputStream stream() {
        return guard;
    }

    /**
     * Ends the output normally: closes it and gives a regular file its name. Null when all is
     * well, otherwise one line saying what happened.
     */
    public synchronized String finish() {
        if (ended) {
            return null;
        }
        ended = true;
        guard.closeQuietly();
        if (guard.failure != null) {
            return failed();
        }
        if (temp != null) {
            try {
                keepModeAndOwner();
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                guard.failure = e;
                return failed();
            }
        }
        return null;
    }

    /**
     * Ends the output early ({@code why}: "interrupted", ...): what was written so far is kept, a
     * regular file published under its name as a complete prefix of the run. One line saying so.
     */
    public synchronized String abandon(String why) {
        if (ended) {
            return null;
        }
        String failed = finish();
        if (failed != null) {
            return failed;
        }
        return "irq0 boot: " + label + ": " + why + "; kept the run up to there";
    }

    /**
     * A file that existed keeps its permissions and, where we may set it, its owner, as a file
     * rewritten in place would; a new one has the mode it was created with (0666 less the umask).
     */
    private void keepModeAndOwner() throws IOException {
        if (!Files.exists(target)) {
            return;
        }
        try {
            Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
        } catch (UnsupportedOperationException e) {
            return;
        }
        try {
            Files.setOwner(temp, Files.getOwner(target));
        } catch (IOException e) {
            // only root may give a file away; the new file is then ours, as gcc -o leaves it
        }
    }

    /** Ends the output without publishing it: a regular file's temporary file is removed. */
    public synchronized void discard() {
        if (ended) {
            return;
        }
        ended = true;
        guard.closeQuietly();
        deleteTemp();
    }

    private void deleteTemp() {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // nothing was published; the temporary file is all that is left
            }
        }
    }

    private String failed() {
        if (temp != null) {
            deleteTemp();
            return "irq0 boot: " + label + ": " + reason(guard.failure) + "; nothing written";
        }
        return "irq0 boot: " + label + ": " + reason(guard.failure) + "; written up to the failure";
    }

    /** Passes bytes to the file until the first error, then drops them. */
    private final class Guard extends OutputStream {
        IOException failure;
        private boolean closed;

        @Override
        public void write(int b) {
            if (failure == null && !closed) {
                try {
                    raw.write(b);
                } catch (IOException e) {
                    failure = e;
                }
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (failure == null && !closed) {
                try {
                    raw.write(b, off, len);
                } catch (IOException e) {
                    failure = e;
                }
            }
        }

        @Override
        public void flush() {
            if (failure == null && !closed) {
                try {
                    raw.flush();
                } catch (IOException e) {
                    failure = e;
                }
            }
        }

        @Override
        public void close() {
            // closing is the owner's business (finish/abandon), not a writer's
            flush();
        }

        void closeQuietly() {
            if (closed) {
                return;
            }
            flush();
            closed = true;
            if (!ownDescriptor) {
                try {
                    raw.close();
                } catch (IOException e) {
                    if (failure == null) {
                        failure = e;
                    }
                }
            }
        }
    }
}
