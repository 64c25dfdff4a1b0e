package org.winsim.winsock.sim;

import static org.winsim.winsock.api.Winsock.SOCKET_ERROR;

import org.winsim.winsock.api.Kernel32Functions;
import org.winsim.winsock.api.WSAPROTOCOL_INFO;
import org.winsim.winsock.api.WinBase;
import org.winsim.winsock.api.Ws2_32Functions;

/**
 * The duplicated-handle part of {@link SimWin32}'s facade: DuplicateHandle and WSADuplicateSocket through
 * the {@link ApiBoundary} into {@link HandleDuplication} and {@link SocketDuplication}. Kept in a file of its
 * own so that the facade stays short.
 */
interface HandleSharingCalls extends Kernel32Functions, Ws2_32Functions {
    /** The process's boundary. */
    ApiBoundary boundary();

    /** The process's DuplicateHandle. */
    HandleDuplication handleDuplication();

    /** The process's WSADuplicateSocket and WSASocket from its protocol info. */
    SocketDuplication socketDuplication();

    @Override
    default int DuplicateHandle(long hSourceProcessHandle, long hSourceHandle, long hTargetProcessHandle, long[] lpTargetHandle,
                                int dwDesiredAccess, boolean bInheritHandle, int dwOptions) {
        ApiBoundary b = boundary();
        return (int) b.call("DuplicateHandle", WinBase.FALSE, () -> {
            long h = handleDuplication().duplicate(b.thread(), hSourceProcessHandle, hSourceHandle, hTargetProcessHandle, dwOptions);
            if (lpTargetHandle != null) { // NULL: duplicated, not returned (kept for compatibility, as documented)
                lpTargetHandle[0] = h;
            }
            return WinBase.TRUE;
        }, "sourceProcess", hSourceProcessHandle, "source", hSourceHandle, "targetProcess", hTargetProcessHandle,
                "options", dwOptions);
    }

    @Override
    default int GetCurrentProcessId() {
        boundary().thread(); // a call of one of the process's threads
        return socketDuplication().processId();
    }

    @Override
    default int WSADuplicateSocket(long s, int dwProcessId, WSAPROTOCOL_INFO lpProtocolInfo) {
        return (int) boundary().call("WSADuplicateSocket", SOCKET_ERROR, () -> {
            socketDuplication().duplicate(s, dwProcessId, lpProtocolInfo);
            return 0;
        }, "s", s, "process", dwProcessId);
    }
}
