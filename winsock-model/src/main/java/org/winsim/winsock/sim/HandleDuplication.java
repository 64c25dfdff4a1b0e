package org.winsim.winsock.sim;

import org.winsim.winsock.api.Win32Error;
import org.winsim.winsock.api.WinBase;

/**
 * DuplicateHandle within one process: a second handle to the same kernel object (event, thread,
 * completion port, socket), which lives until its last handle is closed. A copy of a socket handle is not
 * registered with ws2_32 ({@link HandleTable}), so Winsock calls refuse it.
 */
final class HandleDuplication {
    private final SimProcess process;

    HandleDuplication(SimProcess process) {
        this.process = process;
    }

    /** The new handle; the caller's thread resolves GetCurrentThread(). */
    long duplicate(Win32Thread caller, long sourceProcess, long source, long targetProcess, int options) {
        try {
            if (sourceProcess != WinBase.CURRENT_PROCESS || targetProcess != WinBase.CURRENT_PROCESS) {
                throw Win32Failure.of(Win32Error.ERROR_INVALID_HANDLE); // no process handles but the pseudo-handle
            }
            KernelObject o = source == WinBase.CURRENT_THREAD ? caller.object : process.handles.get(source);
            if (o == null) {
                throw Win32Failure.of(Win32Error.ERROR_INVALID_HANDLE);
            }
            return o.handleCount == 0 ? process.handles.add(o) : process.handles.duplicate(o);
        } finally {
            if ((options & WinBase.DUPLICATE_CLOSE_SOURCE) != 0 && sourceProcess == WinBase.CURRENT_PROCESS
                    && source != WinBase.CURRENT_THREAD) {
                process.closeHandle(source); // whatever the outcome, once the source process is known
            }
        }
    }
}
