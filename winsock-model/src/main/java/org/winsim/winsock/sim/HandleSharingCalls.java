package org.winsim.winsock.sim;

import org.winsim.winsock.api.Kernel32Functions;
import org.winsim.winsock.api.WinBase;

/**
 * The duplicated-handle part of {@link SimWin32}'s facade: DuplicateHandle through the {@link ApiBoundary}
 * into {@link HandleDuplication}. Kept in a file of its own so that the facade stays short.
 */
interface HandleSharingCalls extends Kernel32Functions {
    /** The process's boundary. */
    ApiBoundary boundary();

    /** The process's DuplicateHandle. */
    HandleDuplication handleDuplication();

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
}
