package org.winsim.scenarios;

import java.util.List;
import java.util.Locale;
import org.winsim.sim.Durations;
import org.winsim.sim.RunResult;
import org.winsim.sim.ThreadStats;
import org.winsim.winsock.sim.SimProcess;

/**
 * What one server process cost, read so that I/O models can be compared: its CPU utilisation, the
 * share of its calls that failed with WSAEWOULDBLOCK (polling that found nothing), and its wakes and
 * context switches per message echoed; and the memory it held.
 *
 * @param cpuNanos CPU time of all its threads
 * @param wakes how many times one of its threads' waits ended
 * @param contextSwitches how many times a processor switched to one of its threads
 * @param peakStackBytes the most of its address space its thread stacks held at once
 * @param peakNonPagedBytes the most of its host's non-paged pool in use at once (every process's sockets there)
 * @param nonPagedLimit the size of that pool
 */
public record ServerFigures(String process, int threads, long cpuNanos, long calls, long wouldBlock, long wakes,
                            long contextSwitches, long peakStackBytes, long peakNonPagedBytes, long nonPagedLimit) {

    /** The figures of a simulated server process, from its counters and its threads' statistics. */
    static ServerFigures of(SimProcess p, RunResult result) {
        int threads = 0;
        long cpu = 0;
        long wakes = 0;
        long switches = 0;
        String prefix = p.name() + ":";
        for (ThreadStats t : result.threads()) {
            if (t.name().startsWith(prefix)) {
                threads++;
                cpu += t.cpuNanos();
                wakes += t.wakes();
                switches += t.contextSwitches();
            }
        }
        return new ServerFigures(p.name(), threads, cpu, p.apiCalls(), p.wouldBlockFailures(), wakes, switches,
                p.peakStackBytes(), p.nonPagedPool().peak(), p.nonPagedPool().limit());
    }

    /** CPU utilisation: its CPU time over all processors' time during the run, in percent. */
    public double cpuPercent(long endTime, int processors) {
        return endTime <= 0 ? 0 : 100.0 * cpuNanos / ((double) endTime * processors);
    }

    /** The summary's lines for this server. */
    List<String> lines(long endTime, int processors, long messages) {
        String perMessage = messages == 0 ? "no message was echoed"
                : String.format(Locale.ROOT, "%.2f wakes, %.2f context switches (%s echoed)",
                        (double) wakes / messages, (double) contextSwitches / messages, RunReport.count(messages, "message"));
        return List.of(
                "server          " + process + " (" + RunReport.count(threads, "thread") + ")",
                String.format(Locale.ROOT, "  cpu use       %.1f%% of %s (%s of CPU in %s)",
                        cpuPercent(endTime, processors), RunReport.count(processors, "processor"),
                        Durations.human(cpuNanos), Durations.human(endTime)),
                String.format(Locale.ROOT, "  would block   %.1f%% of its calls failed with WSAEWOULDBLOCK (%d of %d)",
                        calls == 0 ? 0.0 : 100.0 * wouldBlock / calls, wouldBlock, calls),
                "  per message   " + perMessage,
                String.format(Locale.ROOT, "  memory        peak %s of thread stacks; its host's non-paged pool peak %s of %s",
                        mib(peakStackBytes), kib(peakNonPagedBytes), mib(nonPagedLimit)));
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    private static String kib(long bytes) {
        return String.format(Locale.ROOT, "%,d KiB", bytes / 1024);
    }
}
