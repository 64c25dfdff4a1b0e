package org.winsim.scenarios;

import org.junit.jupiter.api.Assumptions;
import org.winsim.realbackend.wine.WineUnavailable;

/** Wine for a test class: one agent, started once, or the class reported skipped with what to install. */
public final class WineOsForTests {
    private WineOsForTests() {
    }

    /** Starts the agent and prints its start-up times; aborts the calling test class when Wine or mingw-w64 is missing. */
    public static WineOs startOrSkip() {
        try {
            WineOs os = new WineOs();
            System.out.println("Wine agent: " + os.agent().timings());
            return os;
        } catch (WineUnavailable e) {
            return Assumptions.abort(e.getMessage());
        }
    }
}
