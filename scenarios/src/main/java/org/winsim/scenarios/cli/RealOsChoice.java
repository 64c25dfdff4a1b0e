package org.winsim.scenarios.cli;

import org.winsim.realbackend.wine.WineUnavailable;
import org.winsim.scenarios.HostOs;
import org.winsim.scenarios.RealOs;
import org.winsim.scenarios.WineOs;

/** The real OS an option names ({@code real}: the host's sockets, {@code wine}: Wine through the agent), opened for a command. */
final class RealOsChoice {
    private RealOsChoice() {
    }

    /**
     * Opens the OS {@code value} names; an unknown name is bad usage, and so is Wine when this machine
     * lacks it (the line says what to install).
     */
    static RealOs open(String option, String value) {
        return switch (value) {
            case "real" -> new HostOs();
            case "wine" -> {
                try {
                    yield new WineOs();
                } catch (WineUnavailable e) {
                    throw new Main.UsageError(option + " wine: " + e.getMessage());
                }
            }
            default -> throw new Main.UsageError(option.equals("--backend")
                    ? "unknown backend '" + Main.cut(value) + "': use sim, real or wine"
                    : "unknown " + option + " '" + Main.cut(value) + "': use real or wine");
        };
    }
}
