package org.winsim.scenarios.study;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.winsim.scenarios.Scenarios;

/** The study's rows as a Markdown table (with notes on what was run) and as CSV. */
public final class StudyTable {
    /** The Markdown table's columns. */
    public static final List<String> COLUMNS = List.of("model", "attempted / connected", "echoed", "server threads",
            "peak stacks", "peak non-paged", "CPU / msg", "switches / msg", "throughput (virtual)", "virtual time",
            "wall time", "outcome");

    /** The CSV's columns. */
    public static final List<String> CSV_COLUMNS = List.of("model", "scenario", "attempted", "ran", "connected",
            "messages_echoed", "messages", "server_threads", "peak_stack_bytes", "peak_nonpaged_bytes", "cpu_us_per_msg",
            "switches_per_msg", "throughput_msg_per_s", "virtual_s", "wall_s", "outcome");

    private StudyTable() {
    }

    /** The table's header lines. */
    public static List<String> header() {
        return List.of("| " + String.join(" | ", COLUMNS) + " |", "|" + "---|".repeat(COLUMNS.size()));
    }

    /** One row of the Markdown table. */
    public static String markdownRow(StudyRow r) {
        String ran = String.format(Locale.ROOT, "%,d", r.ran()) + (r.ran() < r.attempted() ? "*" : "");
        if (!r.built()) {
            return "| " + r.model().label() + " | " + ran + " / – | – | – | – | – | – | – | – | – | – | not built yet ("
                    + r.model().scenario() + ") |";
        }
        return "| " + String.join(" | ", List.of(r.model().label(),
                ran + String.format(Locale.ROOT, " / %,d", r.connected()),
                String.format(Locale.ROOT, "%,d of %,d", r.messagesEchoed(), r.messages()),
                String.format(Locale.ROOT, "%,d", r.threads()),
                String.format(Locale.ROOT, "%,.0f MiB", r.peakStackBytes() / 1048576.0),
                String.format(Locale.ROOT, "%,d KiB", r.peakNonPagedBytes() / 1024),
                String.format(Locale.ROOT, "%.1f us", r.cpuMicrosPerMessage()),
                String.format(Locale.ROOT, "%.2f", r.switchesPerMessage()),
                String.format(Locale.ROOT, "%,.0f msg/s", r.throughput()),
                String.format(Locale.ROOT, "%.3f s", r.virtualNanos() / 1e9),
                String.format(Locale.ROOT, "%.1f s", r.wallNanos() / 1e9),
                r.outcome().replace("|", "\\|"))) + " |";
    }

    /** The whole Markdown document: settings, the table, and notes on what each model's clients do. */
    public static String markdown(Study.Settings s, List<StudyRow> rows) {
        List<String> out = new ArrayList<>();
        out.add("# winsim study");
        out.add("");
        out.add(String.format(Locale.ROOT, "Each client sends %,d messages of %,d bytes and checks each echo. Profile %s, "
                + "%d simulated processors, seed %d. The server is a 32-bit process on a host of its own (address space "
                + "%,d MiB, %,d KiB stacks; non-paged pool %,d MiB, %,d bytes per socket); the clients are 64-bit processes "
                + "on another host, over a LAN link.", s.messages(), s.size(), s.profile().name(), s.processors(), s.seed(),
                s.profile().memory().addressSpaceBytes() >> 20, s.profile().memory().defaultStackBytes() >> 10,
                s.profile().memory().nonPagedPoolBytes() >> 20, s.profile().memory().socketPoolBytes()));
        out.add("");
        out.addAll(header());
        rows.forEach(r -> out.add(markdownRow(r)));
        out.add("");
        if (rows.stream().anyMatch(r -> r.ran() < r.attempted())) {
            out.add(String.format(Locale.ROOT, "\\* asked for more: run at %,d clients, what one client host's ephemeral "
                    + "ports allow (several client hosts are not available to the study yet).", Study.ONE_HOST_CLIENTS));
            out.add("");
        }
        out.add("Columns: the server's threads, the most of its address space its thread stacks held, the most of its "
                + "host's non-paged pool in use; its CPU and context switches per message echoed; messages echoed per "
                + "second of virtual time until the last client finished; the simulation's wall time.");
        out.add("");
        out.add("How each model's clients connect (their pacing shapes the virtual time):");
        Set<String> seen = new LinkedHashSet<>();
        for (StudyRow r : rows) {
            if (r.built() && seen.add(r.model().scenario())) {
                Scenarios.named(r.model().scenario()).ifPresent(sc -> out.add("- " + r.model().label() + " (`"
                        + sc.name() + "`): " + sc.description()));
            }
        }
        out.add("");
        out.add("Blocking clients (a thread each) all connect at once: while the listen queue holds 200 connections "
                + "the server does not yet accept, the server's host refuses SYNs, and a refused client sends its SYN "
                + "again twice, 1 s apart, before its connect fails with WSAECONNREFUSED. The select client keeps at "
                + "most 64 connects in flight.");
        return String.join("\n", out) + "\n";
    }

    /** The rows as CSV, one line each after the header; text fields quoted. */
    public static String csv(List<StudyRow> rows) {
        StringBuilder b = new StringBuilder(String.join(",", CSV_COLUMNS)).append('\n');
        for (StudyRow r : rows) {
            b.append(String.join(",", List.of(quote(r.model().label()), r.model().scenario(),
                    Integer.toString(r.attempted()), Integer.toString(r.ran()), Long.toString(r.connected()),
                    Long.toString(r.messagesEchoed()), Long.toString(r.messages()), Integer.toString(r.threads()),
                    Long.toString(r.peakStackBytes()), Long.toString(r.peakNonPagedBytes()),
                    String.format(Locale.ROOT, "%.3f", r.cpuMicrosPerMessage()),
                    String.format(Locale.ROOT, "%.3f", r.switchesPerMessage()),
                    String.format(Locale.ROOT, "%.1f", r.throughput()),
                    String.format(Locale.ROOT, "%.6f", r.virtualNanos() / 1e9),
                    String.format(Locale.ROOT, "%.3f", r.wallNanos() / 1e9),
                    quote(r.outcome())))).append('\n');
        }
        return b.toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
