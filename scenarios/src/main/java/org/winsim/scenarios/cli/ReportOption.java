package org.winsim.scenarios.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Consumer;
import org.winsim.scenarios.report.HtmlReport;
import org.winsim.scenarios.report.Timeline;
import org.winsim.sim.trace.TraceSink;
import picocli.CommandLine.Option;

/**
 * {@code --report FILE.html}, shared by {@code run} and {@code script}: the run's timeline as one
 * self-contained HTML page. The path is checked before the run (a usage error, exit 2); the page is
 * written under a temporary name beside it and renamed when complete.
 */
final class ReportOption {
    @Option(names = "--report", paramLabel = "FILE",
            description = "Write an HTML timeline of the run to FILE: a lane per thread and kernel object, arrows, zoom and hover.")
    String file;

    private Timeline timeline;
    private Path target;

    /** A usage error when the report would overwrite the trace file (--trace and --report naming one file). */
    void checkApartFrom(TraceOptions trace) {
        if (file == null || trace.file == null || trace.toStdout()) {
            return;
        }
        try {
            if (Path.of(file).toAbsolutePath().normalize().equals(Path.of(trace.file).toAbsolutePath().normalize())) {
                throw new Main.UsageError("--trace and --report both name " + file + ": the report would overwrite the trace");
            }
        } catch (InvalidPathException e) {
            // a bad path is reported by the option it belongs to, when it is opened
        }
    }

    /** The sink that collects the timeline, or none without --report; a path that cannot be written is a usage error. */
    List<TraceSink> open() {
        if (file == null) {
            return List.of();
        }
        try {
            target = Path.of(file);
        } catch (InvalidPathException e) {
            throw new Main.UsageError("cannot write the report to " + Main.cut(file) + ": not a valid path");
        }
        if (Files.isDirectory(target)) {
            throw new Main.UsageError("cannot write the report to " + file + ": it is a directory");
        }
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new Main.UsageError("cannot write the report to " + file + ": no such directory");
        }
        if (!Files.isWritable(dir)) {
            throw new Main.UsageError("cannot write the report to " + file + ": permission denied");
        }
        timeline = new Timeline();
        return List.of(timeline);
    }

    /** Writes the page after the run, with the summary that {@code summary} prints in its header. */
    void write(String title, Consumer<java.io.PrintWriter> summary) {
        if (timeline == null) {
            return;
        }
        StringWriter text = new StringWriter();
        try (java.io.PrintWriter p = new java.io.PrintWriter(text)) {
            summary.accept(p);
        }
        Path temp = target.toAbsolutePath().getParent().resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            try (Writer w = new BufferedWriter(Files.newBufferedWriter(temp, StandardCharsets.UTF_8), 1 << 16)) {
                HtmlReport.write(w, title, text.toString().lines().toList(), timeline);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // nothing more to do
            }
            throw new Main.HostFailure("writing the report to " + file + " failed: " + TraceOptions.reason(e)
                    + " (the run itself completed)");
        }
    }
}
