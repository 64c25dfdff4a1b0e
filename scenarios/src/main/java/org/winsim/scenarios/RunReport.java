package org.winsim.scenarios;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.winsim.sim.Durations;
import org.winsim.sim.FindingKind;
import org.winsim.sim.RunResult;
import org.winsim.sim.ThreadStats;

/**
 * The outcome of one scenario run, and its summary: whether it succeeded, the bytes echoed and
 * verified, and, on the simulator, virtual time, events, threads, context switches and CPU per thread.
 *
 * @param backend "simulator", or "real linux" (say) for real sockets
 * @param result the simulation's result, or null on real sockets
 * @param processors simulated processors (0 on real sockets)
 * @param servers each server process's figures (none on real sockets)
 */
public record RunReport(String scenario, String backend, String profile, String topology, ScenarioParams params,
                        RunResult result, ScenarioStats stats, List<String> leaks, long wallNanos, int processors,
                        List<ServerFigures> servers) {

    /** Lines of one failure shown in the summary (a deadlock of 50,000 threads lists them all otherwise). */
    static final int MAX_DETAIL_LINES = 40;

    /** Why the run failed, one line each; empty when it succeeded. */
    public List<String> failures() {
        List<String> f = new ArrayList<>();
        if (result != null && result.finding() != null) {
            f.add(result.finding().describe());
        }
        f.addAll(stats.problems());
        for (String l : leaks) {
            f.add("leaked handle at exit: " + l);
        }
        if (f.isEmpty() && stats.bytesVerified() != params.totalBytes()) {
            f.add("only " + stats.bytesVerified() + " of " + params.totalBytes() + " bytes were verified");
        }
        return f;
    }

    public boolean succeeded() {
        return failures().isEmpty();
    }

    public void print(PrintWriter out) {
        ScenarioParams p = params;
        out.println("scenario        " + scenario + " (" + backend + ", profile " + profile + ", " + topology + ", seed "
                + p.seed() + ")");
        out.println("workload        " + count(p.clients(), "client") + " x " + count(p.messages(), "message") + " x "
                + count(p.size(), "byte"));
        List<String> failures = failures();
        boolean stopped = result != null && result.finding() != null && result.finding().kind() == FindingKind.ABORTED;
        out.println("result          " + (failures.isEmpty() ? "OK" : stopped ? "STOPPED" : "FAILED") + ": "
                + stats.bytesVerified() + " of " + p.totalBytes() + " bytes echoed and verified");
        for (String f : failures) {
            List<String> lines = f.lines().toList();
            int shown = lines.size() <= MAX_DETAIL_LINES + 1 ? lines.size() : MAX_DETAIL_LINES;
            for (String line : lines.subList(0, shown)) {
                out.println("  " + line);
            }
            if (shown < lines.size()) {
                out.println("    ... and " + (lines.size() - shown) + " more lines");
            }
        }
        double seconds = wallNanos / 1e9;
        if (result == null) {
            out.println("wall time       " + String.format(java.util.Locale.ROOT, "%.3fs (real sockets: no virtual time)", seconds));
            return;
        }
        out.println("virtual time    " + Durations.human(result.endTime()));
        out.println("events          " + result.eventsFired());
        out.println("threads         " + result.threads().size() + " (peak " + result.peakLiveThreads() + " live)");
        out.println("context switch  " + result.contextSwitches());
        printCpu(out);
        for (ServerFigures s : servers) {
            s.lines(result.endTime(), processors, stats.messagesVerified()).forEach(out::println);
        }
        out.println("wall time       " + String.format(java.util.Locale.ROOT, "%.3fs (%.0f events/s)", seconds,
                result.eventsFired() / Math.max(seconds, 1e-9)));
    }

    private void printCpu(PrintWriter out) {
        List<ThreadStats> threads = result.threads();
        if (threads.size() <= 12) {
            for (ThreadStats t : threads) {
                out.println("cpu             " + pad(t.name(), 20) + Durations.human(t.cpuNanos()));
            }
            return;
        }
        Map<String, long[]> byProcess = new LinkedHashMap<>(); // count, total, max
        for (ThreadStats t : threads) {
            String process = t.name().contains(":") ? t.name().substring(0, t.name().indexOf(':')) : t.name();
            long[] a = byProcess.computeIfAbsent(process, k -> new long[3]);
            a[0]++;
            a[1] += t.cpuNanos();
            a[2] = Math.max(a[2], t.cpuNanos());
        }
        for (Map.Entry<String, long[]> e : byProcess.entrySet()) {
            long[] a = e.getValue();
            out.println("cpu             " + pad(e.getKey(), 12) + count(a[0], "thread") + ", total " + Durations.human(a[1])
                    + ", busiest " + Durations.human(a[2]));
        }
    }

    /** "1 client", "4 clients". */
    public static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String pad(String s, int n) {
        return s.length() >= n ? s + " " : s + " ".repeat(n - s.length());
    }
}
