package org.winsim.realbackend;

import org.winsim.winsock.api.Win32;

/**
 * The Win32 API of one program answered by an operating system rather than the model (the host's own
 * sockets, or Wine's ws2_32 through the agent), with what a harness needs to run a program there and
 * tear it down: its connections' pairing and the closing of everything it left open.
 */
public interface OsWin32 extends Win32 {
    /**
     * The handle of the socket at the other end of {@code s}'s connection, among this program's sockets
     * (open or closed), or -1.
     */
    long peerHandle(long s);

    /** Closes every socket the program left open, as its process's end would. */
    void closeAll();

    /**
     * Brings {@code ov}'s status block ({@code Internal}, {@code InternalHigh}) up to date: an OS writes
     * it when the operation completes, asynchronously, into memory this Java object only mirrors.
     */
    default void readStatusBlock(org.winsim.winsock.api.WSAOVERLAPPED ov) {
    }

    /**
     * Makes the status block the program wrote into {@code ov} ({@code Internal}, {@code InternalHigh}) the
     * one the OS reads, where this Java object only mirrors the OS's memory.
     */
    default void writeStatusBlock(org.winsim.winsock.api.WSAOVERLAPPED ov) {
    }
}
