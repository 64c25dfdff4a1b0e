package org.winsim.scenarios;

import java.util.List;
import org.winsim.realbackend.OsWin32;
import org.winsim.realbackend.wine.WineAgent;
import org.winsim.realbackend.wine.WineWin32;
import org.winsim.scenarios.script.DivergenceRule;
import org.winsim.scenarios.script.WineDivergences;

/**
 * Wine's ws2_32, kernel32 and user32 through one {@link WineAgent}, compared with the {@code windows}
 * profile: each program is a {@link WineWin32} with names of its own in the shared agent, so the
 * processes of a scenario run as threads of one Windows process. {@link #close()} ends the agent and
 * its wineserver.
 */
public final class WineOs implements RealOs {
    private WineAgent agent;

    /**
     * Starts the agent (building it and its prefix on first use).
     *
     * @throws org.winsim.realbackend.wine.WineUnavailable when Wine or mingw-w64 is missing (the message says what to install)
     */
    public WineOs() {
        this.agent = WineAgent.start();
    }

    /** The agent, started afresh when a program took the last one down (a Wine crash ends its process). */
    public synchronized WineAgent agent() {
        if (!agent.alive()) {
            agent.close();
            agent = WineAgent.start();
        }
        return agent;
    }

    @Override
    public String backend() {
        return "wine";
    }

    @Override
    public String profile() {
        return "windows";
    }

    @Override
    public OsWin32 newProcess() {
        return new WineWin32(agent());
    }

    @Override
    public List<DivergenceRule> divergences() {
        return WineDivergences.RULES;
    }

    @Override
    public String divergenceLabel() {
        return "Wine divergence";
    }

    @Override
    public synchronized void close() {
        agent.close();
    }
}
