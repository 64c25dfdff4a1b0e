package org.winsim.scenarios;

import java.util.List;
import org.winsim.realbackend.OsWin32;
import org.winsim.scenarios.script.DivergenceRule;

/**
 * An operating system that runs scripts and scenarios for real beside the simulator: the host's own
 * sockets ({@link HostOs}), or Wine's ws2_32 through the agent ({@link WineOs}). Each program run on it
 * is a process of its own ({@link #newProcess()}); {@link #close()} ends what running them needed.
 */
public interface RealOs extends AutoCloseable {
    /** What reports call it: {@code real linux}, {@code wine}. */
    String backend();

    /** The model profile it is compared with: {@code linux}, {@code windows}. */
    String profile();

    /** A new program's API: its own handles, threads and last errors. */
    OsWin32 newProcess();

    /** Where this OS is known not to answer as the one the profile models, as rules a comparison applies. */
    List<DivergenceRule> divergences();

    /** What a line a divergence rule explains is called in a comparison: {@code Wine divergence}. */
    default String divergenceLabel() {
        return backend() + " divergence";
    }

    @Override
    void close();
}
