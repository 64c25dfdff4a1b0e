package org.winsim.scenarios;

/** One of the lecture's programs (a server and its clients) that winsim can run and check. */
public interface Scenario {
    /** The port the lecture's servers listen on. */
    int LECTURE_PORT = 5150;

    String name();

    /** One line for {@code winsim list}. */
    String description();

    /** Whether the lecture's program has a version exactly as written that differs from the default ({@code --as-written}). */
    default boolean hasAsWritten() {
        return false;
    }

    /**
     * Whether the program calls functions only Windows has (WSAEventSelect, WSAAsyncSelect, windows,
     * overlapped I/O): real sockets on Linux cannot run it (Wine can).
     */
    default boolean needsWindows() {
        return false;
    }

    /** Starts the scenario's processes; their checks report into {@code stats}. */
    void start(Backend backend, ScenarioParams params, ScenarioStats stats);
}
