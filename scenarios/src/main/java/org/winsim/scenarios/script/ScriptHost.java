package org.winsim.scenarios.script;

import org.winsim.winsock.api.Win32;

/** What a script runs against besides the Win32 API: time, the pairing of connected sockets, and the trace. */
public interface ScriptHost {
    Win32 api();

    /** {@code wait}: virtual time in the simulator, real time on an OS. */
    void sleep(long nanos);

    /** The handle of the socket at the other end of {@code s}'s connection, or -1 when the script has none. */
    long peerOf(long s);

    /** Marks the start of a script line (a trace record in the simulator). */
    void note(int line, String text);

    /**
     * Brings an OVERLAPPED's status block up to date before the script reads it: the simulator writes it
     * at completion; an OS backend may have to be asked.
     */
    default void readStatusBlock(org.winsim.winsock.api.WSAOVERLAPPED ov) {
    }

    /**
     * Makes the status block the script wrote into an OVERLAPPED ({@code ovstate OV Internal=…}) the one the
     * API reads: the simulator reads the object itself; an OS backend may have to be told.
     */
    default void writeStatusBlock(org.winsim.winsock.api.WSAOVERLAPPED ov) {
    }
}
