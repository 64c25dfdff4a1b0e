package org.winsim.winsock.sim;

import java.util.List;
import java.util.function.ToLongFunction;
import org.winsim.sim.Simulation;
import org.winsim.winsock.api.OVERLAPPED_ENTRY;
import org.winsim.winsock.api.WSAOVERLAPPED;
import org.winsim.winsock.api.Win32Error;
import org.winsim.winsock.api.WinBase;

/**
 * kernel32's completion-port functions over {@link CompletionPort}: CreateIoCompletionPort (create and
 * associate), GetQueuedCompletionStatus(Ex) with their out-parameters and three outcomes,
 * PostQueuedCompletionStatus and SetFileCompletionNotificationModes.
 */
final class CompletionPortFunctions {
    /** The mode bits SetFileCompletionNotificationModes accepts (FILE_SKIP_SET_USER_EVENT_ON_FAST_IO is 0x4). */
    private static final int VALID_MODES = 0x7;

    private final SimProcess process;
    private final Simulation sim;
    private final ApiBoundary b;
    private final ToLongFunction<KernelObject> register;

    CompletionPortFunctions(SimProcess process, ApiBoundary b, ToLongFunction<KernelObject> register) {
        this.process = process;
        this.sim = process.world.sim;
        this.b = b;
        this.register = register;
    }

    /**
     * CreateIoCompletionPort: a new port (FileHandle INVALID_HANDLE_VALUE), or the socket associated with
     * ExistingCompletionPort (or a new port) and its key; returns the port's handle. A socket already
     * associated fails with ERROR_INVALID_PARAMETER (the file's completion context is set once).
     */
    long create(long fileHandle, long existing, long key, int threads) {
        if (fileHandle == WinBase.INVALID_HANDLE_VALUE) {
            if (existing != WinBase.NULL) {
                throw Win32Failure.of(Win32Error.ERROR_INVALID_PARAMETER);
            }
            return register.applyAsLong(new CompletionPort(sim, threads));
        }
        if (!(process.handles.get(fileHandle) instanceof SimSocket sock)) {
            throw Win32Failure.of(Win32Error.ERROR_INVALID_HANDLE);
        }
        CompletionPort port = existing == WinBase.NULL ? null : port(existing);
        if (sock.completionPort != null) {
            throw Win32Failure.of(Win32Error.ERROR_INVALID_PARAMETER);
        }
        long h = existing;
        if (port == null) {
            port = new CompletionPort(sim, threads);
            h = register.applyAsLong(port);
        }
        sock.completionPort = port;
        sock.completionKey = key;
        return h;
    }

    /**
     * GetQueuedCompletionStatus: TRUE with a packet's values; FALSE with them and the packet's error for a
     * failed I/O; FALSE with {@code ov[0]} NULL for a timeout or an abandoned wait, bytes and key untouched.
     */
    int get(Win32Thread th, long hPort, int[] bytes, long[] key, WSAOVERLAPPED[] ov, int ms) {
        CompletionPort port = port(hPort);
        if (bytes == null || key == null || ov == null) {
            throw b.programError("GetQueuedCompletionStatus with a NULL " + (bytes == null ? "lpNumberOfBytesTransferred"
                    : key == null ? "lpCompletionKey" : "lpOverlapped") + ": Windows writes through it and faults");
        }
        CompletionPacket p;
        try {
            p = port.remove(th, WaitFunctions.timeoutNanos(ms), false);
        } catch (Win32Failure f) {
            ov[0] = null;
            throw f;
        }
        if (sim.trace().enabled()) {
            b.linkRet(p.linkId());
        }
        bytes[0] = p.bytes();
        key[0] = p.key();
        ov[0] = p.overlapped();
        if (!p.succeeded()) {
            throw Win32Failure.of(p.error());
        }
        return WinBase.TRUE;
    }

    /**
     * GetQueuedCompletionStatusEx: waits for one packet, then takes up to {@code count - 1} more at once;
     * TRUE with their number, or FALSE (none removed) with WAIT_TIMEOUT, ERROR_ABANDONED_WAIT_0, or
     * WAIT_IO_COMPLETION after running the thread's APCs when an alertable call was alerted.
     */
    int getEx(Win32Thread th, long hPort, OVERLAPPED_ENTRY[] entries, int count, int[] removed, int ms, boolean alertable) {
        CompletionPort port = port(hPort);
        if (entries == null || removed == null) {
            throw b.programError("GetQueuedCompletionStatusEx with a NULL " + (entries == null ? "lpCompletionPortEntries"
                    : "ulNumEntriesRemoved") + ": Windows writes through it and faults");
        }
        if (count <= 0) {
            throw Win32Failure.of(Win32Error.ERROR_INVALID_PARAMETER);
        }
        if (count > entries.length) {
            throw b.programError("GetQueuedCompletionStatusEx for " + count + " entries into an array of " + entries.length
                    + ": past the end of the array");
        }
        removed[0] = 0;
        CompletionPacket first = port.remove(th, WaitFunctions.timeoutNanos(ms), alertable);
        if (first == null) {
            th.apcs.drain(sim);
            throw Win32Failure.of(Win32Error.WAIT_IO_COMPLETION);
        }
        fill(entries, 0, first);
        List<CompletionPacket> more = port.removeMore(count - 1);
        for (int i = 0; i < more.size(); i++) {
            fill(entries, i + 1, more.get(i));
        }
        if (sim.trace().enabled()) {
            b.linkRet(first.linkId());
            more.forEach(p -> b.linkRet(p.linkId()));
        }
        removed[0] = 1 + more.size();
        return WinBase.TRUE;
    }

    private static void fill(OVERLAPPED_ENTRY[] entries, int i, CompletionPacket p) {
        if (entries[i] == null) {
            entries[i] = new OVERLAPPED_ENTRY();
        }
        entries[i].lpCompletionKey = p.key();
        entries[i].lpOverlapped = p.overlapped();
        entries[i].Internal = p.status();
        entries[i].dwNumberOfBytesTransferred = p.bytes();
    }

    /** PostQueuedCompletionStatus: a packet of three values, neither checked nor interpreted. */
    void post(long hPort, int bytes, long key, WSAOVERLAPPED ov) {
        port(hPort).post(CompletionPacket.posted(bytes, key, ov));
    }

    /** SetFileCompletionNotificationModes: adds the modes to the socket's; a mode once set stays. */
    void setModes(long fileHandle, int flags) {
        if (!(process.handles.get(fileHandle) instanceof SimSocket sock)) {
            throw Win32Failure.of(Win32Error.ERROR_INVALID_HANDLE);
        }
        if ((flags & ~VALID_MODES) != 0) {
            throw Win32Failure.of(Win32Error.ERROR_INVALID_PARAMETER);
        }
        sock.completionModes |= flags;
    }

    private CompletionPort port(long h) {
        if (!(process.handles.get(h) instanceof CompletionPort p)) {
            throw Win32Failure.of(Win32Error.ERROR_INVALID_HANDLE);
        }
        return p;
    }
}
