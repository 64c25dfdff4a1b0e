package org.winsim.scenarios;

import java.util.function.ToIntFunction;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.sockaddr_in;

/** Where a scenario's programs run: the simulator, or real sockets. */
public interface Backend {
    /** Which side of a scenario a process is: servers run until the clients are done. */
    enum Role { SERVER, CLIENT }

    /** Starts a process whose main thread runs {@code main}; the run lasts until every CLIENT process has ended. */
    void startProcess(String name, Role role, ToIntFunction<Win32> main);

    /**
     * How many hosts CLIENT processes are spread over, round-robin in the order they start: a scenario with
     * more connections than one host has ephemeral ports (16,384) starts one client process per host.
     */
    default int clientHosts() {
        return 1;
    }

    /** The port a server listens on: the program's own on the simulator, one the OS has free on real sockets. */
    int port(int wanted);

    /** The address a client uses to reach a server listening on {@code port} (a value {@link #port} gave). */
    sockaddr_in serverAddress(int port);
}
