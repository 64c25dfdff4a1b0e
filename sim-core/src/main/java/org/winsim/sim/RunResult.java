package org.winsim.sim;

import java.util.List;

/**
 * The outcome of a run: whether it completed or stopped on a finding, and the counts a summary reports.
 *
 * @param endTime virtual time when the run stopped, in nanoseconds
 * @param threads every thread the run spawned, in spawn order
 */
public record RunResult(Finding finding, long endTime, long eventsFired, long contextSwitches,
                        int peakLiveThreads, long peakStackBytes, List<ThreadStats> threads) {
    public RunResult {
        threads = List.copyOf(threads);
    }

    /** True when every thread that had to finish did, with no finding. */
    public boolean completed() {
        return finding == null;
    }

}
