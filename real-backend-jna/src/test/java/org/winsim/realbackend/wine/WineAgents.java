package org.winsim.realbackend.wine;

import org.junit.jupiter.api.Assumptions;

/** The agent for a test class: started once, or the class reported skipped with what to install. */
final class WineAgents {
    private WineAgents() {
    }

    /** Starts the agent and prints its start-up times; aborts the calling test class when Wine or mingw-w64 is missing. */
    static WineAgent startOrSkip() {
        try {
            WineAgent agent = WineAgent.start();
            System.out.println("Wine agent: " + agent.timings());
            return agent;
        } catch (WineUnavailable e) {
            return Assumptions.abort(e.getMessage());
        }
    }
}
