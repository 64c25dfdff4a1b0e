package org.winsim.winsock.sim;

import org.winsim.winsock.api.Ws2_32Functions;
import org.winsim.winsock.api.sockaddr_in;

/**
 * The datagram part of the simulated Win32 API (UDP), mixed into {@link SimWin32}: each function is
 * {@link DatagramApi}'s, so the facade stays one short method per function per file.
 */
interface DatagramFunctions extends Ws2_32Functions {
    /** The process's datagram facade. */
    DatagramApi datagrams();

    @Override
    default int sendto(long s, byte[] buf, int off, int len, int flags, sockaddr_in to, int tolen) {
        return datagrams().sendto(s, buf, off, len, flags, to, tolen);
    }

    @Override
    default int recvfrom(long s, byte[] buf, int off, int len, int flags, sockaddr_in from, int[] fromlen) {
        return datagrams().recvfrom(s, buf, off, len, flags, from, fromlen);
    }
}
