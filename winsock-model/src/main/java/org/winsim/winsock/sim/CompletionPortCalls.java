package org.winsim.winsock.sim;

import org.winsim.winsock.api.Kernel32Functions;
import org.winsim.winsock.api.OVERLAPPED_ENTRY;
import org.winsim.winsock.api.WSAOVERLAPPED;
import org.winsim.winsock.api.WinBase;
import org.winsim.winsock.sim.ApiBoundary.Ret;

/**
 * The completion-port part of {@link SimWin32}'s facade: each function passes the {@link ApiBoundary}
 * into {@link CompletionPortFunctions}. Kept in a file of its own so that the facade stays short.
 */
interface CompletionPortCalls extends Kernel32Functions {
    /** The process's boundary. */
    ApiBoundary boundary();

    /** The process's completion-port functions. */
    CompletionPortFunctions completionPorts();

    @Override
    default long CreateIoCompletionPort(long FileHandle, long ExistingCompletionPort, long CompletionKey, int NumberOfConcurrentThreads) {
        return boundary().call("CreateIoCompletionPort", Ret.HANDLE, 0, () -> completionPorts().create(FileHandle,
                ExistingCompletionPort, CompletionKey, NumberOfConcurrentThreads), null, "h", FileHandle,
                "port", ExistingCompletionPort, "key", CompletionKey, "threads", NumberOfConcurrentThreads);
    }

    @Override
    default int GetQueuedCompletionStatus(long CompletionPort, int[] lpNumberOfBytesTransferred, long[] lpCompletionKey,
                                          WSAOVERLAPPED[] lpOverlapped, int dwMilliseconds) {
        ApiBoundary b = boundary();
        return (int) b.call("GetQueuedCompletionStatus", Ret.NUMBER, WinBase.FALSE, () -> completionPorts().get(b.thread(),
                CompletionPort, lpNumberOfBytesTransferred, lpCompletionKey, lpOverlapped, dwMilliseconds),
                () -> new String[] {"bytes", Integer.toString(lpNumberOfBytesTransferred[0]), "key", Long.toString(lpCompletionKey[0]),
                        "ov", lpOverlapped[0] == null ? "NULL" : "set"},
                "port", CompletionPort, "ms", dwMilliseconds);
    }

    @Override
    default int GetQueuedCompletionStatusEx(long CompletionPort, OVERLAPPED_ENTRY[] lpCompletionPortEntries, int ulCount,
                                            int[] ulNumEntriesRemoved, int dwMilliseconds, boolean fAlertable) {
        ApiBoundary b = boundary();
        return (int) b.call("GetQueuedCompletionStatusEx", Ret.NUMBER, WinBase.FALSE, () -> completionPorts().getEx(b.thread(),
                CompletionPort, lpCompletionPortEntries, ulCount, ulNumEntriesRemoved, dwMilliseconds, fAlertable),
                () -> new String[] {"removed", Integer.toString(ulNumEntriesRemoved[0])},
                "port", CompletionPort, "count", ulCount, "ms", dwMilliseconds, "alertable", fAlertable);
    }

    @Override
    default int PostQueuedCompletionStatus(long CompletionPort, int dwNumberOfBytesTransferred, long dwCompletionKey,
                                           WSAOVERLAPPED lpOverlapped) {
        return (int) boundary().call("PostQueuedCompletionStatus", WinBase.FALSE, () -> {
            completionPorts().post(CompletionPort, dwNumberOfBytesTransferred, dwCompletionKey, lpOverlapped);
            return WinBase.TRUE;
        }, "port", CompletionPort, "bytes", dwNumberOfBytesTransferred, "key", dwCompletionKey,
                "ov", lpOverlapped == null ? "NULL" : "set");
    }

    @Override
    default int SetFileCompletionNotificationModes(long FileHandle, int Flags) {
        return (int) boundary().call("SetFileCompletionNotificationModes", WinBase.FALSE, () -> {
            completionPorts().setModes(FileHandle, Flags);
            return WinBase.TRUE;
        }, "h", FileHandle, "flags", Flags);
    }
}
