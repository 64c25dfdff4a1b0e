package org.winsim.scenarios.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.winsim.scenarios.trace.ChromeTraceWriter;
import org.winsim.sim.trace.JsonLinesTraceWriter;
import org.winsim.sim.trace.TextTraceWriter;
import org.winsim.sim.trace.TraceRecord;
import org.winsim.sim.trace.TraceSink;
import picocli.CommandLine.Option;

/**
 * {@code --trace FILE --format text|jsonl|chrome}, shared by the commands that run something.
 *
 * <p>A regular file is written under a temporary name in its directory and renamed over FILE when the
 * run has ended, so an interrupted or failed run never leaves a truncated trace behind; a special file
 * ({@code /dev/stdout}, a pipe) is written directly, and {@code -} is standard output. A path that
 * cannot be written is a usage error before the run (exit 2); a write that fails during the run does not
 * disturb the run, and is reported with its reason when the run has ended (exit 3).
 */
final class TraceOptions {
    @Option(names = "--trace", paramLabel = "FILE",
            description = "Write the whole trace to FILE ('-': standard output, and the summary goes to standard error).")
    String file;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Trace format: text, jsonl or chrome (Chrome trace-event JSON for Perfetto). Default: text.")
    String format;

    private Writer writer;
    private Path target;
    private Path temp;
    private Guard guard;

    /** True when the trace goes to standard output, so a command's own report must go elsewhere. */
    boolean toStdout() {
        return "-".equals(file);
    }

    /** Checks the options, before anything runs: an unknown format, or --format without --trace. */
    void check() {
        if (format != null && !List.of("text", "jsonl", "chrome").contains(format)) {
            throw new Main.UsageError("unknown trace format '" + Main.cut(format) + "': use text, jsonl or chrome");
        }
        if (format != null && file == null) {
            throw new Main.UsageError("--format does nothing without --trace FILE");
        }
    }

    /** Checks the options and opens the trace; a path that cannot be written is a usage error. */
    List<TraceSink> open(PrintWriter stdout) {
        check();
        if (file == null) {
            return List.of();
        }
        try {
            if (toStdout()) {
                writer = new BufferedWriter(stdout, 1 << 16);
            } else {
                target = Path.of(file);
                if (Files.isDirectory(target)) {
                    throw new Main.UsageError("cannot write the trace to " + file + ": it is a directory");
                }
                if (Files.exists(target) && !Files.isRegularFile(target)) {
                    writer = new BufferedWriter(Files.newBufferedWriter(target, StandardCharsets.UTF_8), 1 << 16);
                } else {
                    Path dir = target.toAbsolutePath().getParent();
                    temp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
                    writer = new BufferedWriter(Files.newBufferedWriter(temp, StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), 1 << 16);
                    temp.toFile().deleteOnExit(); // an interrupted run (Ctrl-C) leaves no temporary file either
                }
            }
            TraceSink sink = switch (format == null ? "text" : format) {
                case "jsonl" -> new JsonLinesTraceWriter(writer);
                case "chrome" -> new ChromeTraceWriter(writer);
                default -> new TextTraceWriter(writer);
            };
            guard = new Guard(sink);
            return List.of(guard);
        } catch (InvalidPathException e) {
            throw new Main.UsageError("cannot write the trace to " + Main.cut(file) + ": not a valid path");
        } catch (IOException e) {
            discard();
            throw new Main.UsageError("cannot write the trace to " + file + ": " + reason(e));
        }
    }

    /**
     * Ends the trace after a run: when the run finished its trace, writes it out and renames the temporary
     * file over FILE; when it did not (the run was cut short), discards it. A write that failed is
     * reported here, with its reason.
     */
    void close() {
        if (writer == null) {
            return;
        }
        if (guard == null || !guard.finished) {
            discard();
            return;
        }
        IOException failure = guard.failure;
        try {
            if (toStdout()) {
                writer.flush();
            } else {
                writer.close();
            }
        } catch (IOException e) {
            failure = failure == null ? e : failure;
        }
        writer = null;
        if (failure != null) {
            deleteTemp();
            throw new Main.HostFailure("writing the trace to " + file + " failed: " + reason(failure)
                    + " (the run itself completed)");
        }
        if (temp != null) {
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                deleteTemp();
                throw new Main.HostFailure("cannot put the trace in place at " + file + ": " + reason(e));
            }
        }
    }

    /** Drops the trace of a run that did not end (the host ran out of memory, say): nothing half-written is left. */
    void discard() {
        if (writer != null && !toStdout()) {
            try {
                writer.close();
            } catch (IOException ignored) {
                // the file is deleted anyway
            }
        }
        writer = null;
        deleteTemp();
    }

    private void deleteTemp() {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // deleteOnExit tries again
            }
        }
    }

    /** What went wrong, in words: the reason the OS gave, not only the path. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "a part of the path is not a directory";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : "an I/O error";
    }

    /**
     * Passes records to the writer; the first write error is kept and later records are dropped, so a
     * full disk never becomes a failure of a simulated thread (the trace is written from inside them).
     */
    private static final class Guard implements TraceSink {
        private final TraceSink sink;
        IOException failure;
        boolean finished;

        Guard(TraceSink sink) {
            this.sink = sink;
        }

        @Override
        public void accept(TraceRecord record) {
            if (failure == null) {
                try {
                    sink.accept(record);
                } catch (IOException e) {
                    failure = e;
                }
            }
        }

        @Override
        public void finish() {
            finished = true;
            if (failure == null) {
                try {
                    sink.finish();
                } catch (IOException e) {
                    failure = e;
                }
            }
        }
    }
}
