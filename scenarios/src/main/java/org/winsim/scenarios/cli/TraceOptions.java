package org.winsim.scenarios.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.winsim.scenarios.trace.ChromeTraceWriter;
import org.winsim.sim.trace.JsonLinesTraceWriter;
import org.winsim.sim.trace.TextTraceWriter;
import org.winsim.sim.trace.TraceSink;
import picocli.CommandLine.Option;

/** {@code --trace FILE --format text|jsonl|chrome}, shared by the commands that run something. */
final class TraceOptions {
    @Option(names = "--trace", paramLabel = "FILE", description = "Write the whole trace to FILE.")
    Path file;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Trace format: text, jsonl or chrome (Chrome trace-event JSON for Perfetto). Default: ${DEFAULT-VALUE}.")
    String format;

    private Writer writer;

    /** Checks the format and opens the file; a problem is a usage error. */
    List<TraceSink> open() {
        if (!List.of("text", "jsonl", "chrome").contains(format)) {
            throw new Main.UsageError("unknown trace format '" + format + "': use text, jsonl or chrome");
        }
        if (file == null) {
            return List.of();
        }
        try {
            writer = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
            return List.of(switch (format) {
                case "jsonl" -> new JsonLinesTraceWriter(writer);
                case "chrome" -> new ChromeTraceWriter(writer);
                default -> new TextTraceWriter(writer);
            });
        } catch (IOException e) {
            throw new Main.UsageError("cannot write the trace to " + file + ": " + e.getMessage());
        }
    }

    void close() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                throw new Main.UsageError("cannot write the trace to " + file + ": " + e.getMessage());
            }
        }
    }
}
