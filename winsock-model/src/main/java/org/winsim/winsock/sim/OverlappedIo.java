package org.winsim.winsock.sim;

import static org.winsim.winsock.sim.WinsockSession.check;

import java.util.function.Supplier;
import org.winsim.sim.Dispatcher;
import org.winsim.sim.DispatcherObject;
import org.winsim.sim.Simulation;
import org.winsim.winsock.api.LPWSAOVERLAPPED_COMPLETION_ROUTINE;
import org.winsim.winsock.api.NTSTATUS;
import org.winsim.winsock.api.WSABUF;
import org.winsim.winsock.api.WSAOVERLAPPED;
import org.winsim.winsock.api.Win32Error;
import org.winsim.winsock.api.WinBase;
import org.winsim.winsock.api.WsaError;

/**
 * Overlapped I/O on sockets: WSASend and WSARecv with an OVERLAPPED (and without, as scatter/gather
 * calls), the result functions that read an OVERLAPPED's status block, and cancellation. An overlapped
 * call is an {@link IoRequest} with an {@link OverlappedCompletion}: it completes at once (0, and the
 * completion is still notified) or goes pending (WSA_IO_PENDING) into the process's
 * {@link PendingIoTable}; the socket's non-blocking mode does not apply.
 */
final class OverlappedIo {
    private final SimProcess process;
    private final Simulation sim;
    private final ApiBoundary b;

    OverlappedIo(SimProcess process, ApiBoundary b) {
        this.process = process;
        this.sim = process.world.sim;
        this.b = b;
    }

    // ---- issuing ----

    /**
     * The completion target of a call with this OVERLAPPED: its event is referenced now (a handle that
     * is not an event is WSA_INVALID_HANDLE; with a routine, hEvent is the program's own), before the call
     * changes anything; {@link #issue} resets it. Reusing an OVERLAPPED that is still pending is a finding.
     */
    OverlappedCompletion target(String fn, SimSocket sock, WSAOVERLAPPED ov, LPWSAOVERLAPPED_COMPLETION_ROUTINE routine,
                                WSABUF[] scatter) {
        if (routine != null && sock.completionPort != null) {
            throw WsaFailure.of(WsaError.WSAEINVAL); // a socket on a completion port takes no completion routine (APC-04)
        }
        IoRequest earlier = process.pendingIo.get(ov);
        if (earlier != null) {
            throw b.programError(fn + " reuses an OVERLAPPED whose " + earlier.overlapped.function + " on " + earlier.socket
                    + " (issued by " + earlier.issuer.name() + ") is still pending: the system still owns it");
        }
        EventObject event = null;
        long h = ov.hEvent;
        if (routine == null && h != 0) {
            if (!(process.handles.get(h) instanceof EventObject e)) {
                throw WsaFailure.of(WsaError.WSA_INVALID_HANDLE);
            }
            event = e;
        }
        return new OverlappedCompletion(fn, ov, event, routine, scatter);
    }

    /**
     * Runs the socket's part of an overlapped call, once its own checks have passed: the event is reset, as
     * the I/O manager does when it takes a request (WOV-07), and the status block reads STATUS_PENDING; a
     * failure at the call fails it and leaves the status
     * block as the call found it, STATUS_PENDING (nothing is notified: WOV-01); a request that completed at
     * once returns 0 with its count; a pending one joins the pending table and the call fails with
     * WSA_IO_PENDING — except on a handle without the overlapped attribute, whose caller waits for it (IO-03).
     */
    int issue(SimSocket sock, OverlappedCompletion t, Supplier<IoRequest> call, int[] count) {
        t.resetEvent();
        markPending(t.ov);
        sock.fileObjectReset();
        IoRequest r = call.get();
        if (!r.complete && !sock.overlappedCapable) {
            Win32Thread.current(sim).waitKeepGoing(r, Simulation.INFINITE, r);
        }
        if (r.complete) {
            if (r.error != null) {
                throw WsaFailure.of(r.error);
            }
            if (count != null) {
                count[0] = r.transferred;
            }
            return 0;
        }
        process.pendingIo.add(r);
        ResourceFaults.maybeFailLater(process, r);
        throw WsaFailure.of(WsaError.WSA_IO_PENDING);
    }

    /**
     * What the provider writes before it hands an overlapped call to the driver: STATUS_PENDING in
     * {@code Internal}; {@code InternalHigh} is left alone. A failure at the call leaves it so: the driver
     * writes the status block only for a request that succeeds at once or completes later (WOV-01).
     */
    static void markPending(WSAOVERLAPPED ov) {
        ov.Internal = NTSTATUS.STATUS_PENDING.value;
    }

    /** A request that needs no waiting (WSAIoctl with an OVERLAPPED): complete now, notified like any other. */
    static IoRequest completedNow(SimSocket sock, OverlappedCompletion t) {
        return new IoRequest(IoRequest.Kind.IOCTL, sock, sock.sim.currentThread(), null, 0, 0, 0, t).completeAtOnce();
    }

    /** The total length of {@code bufs[0..n)}, each checked as a buffer argument. */
    int total(String fn, WSABUF[] bufs, int n, String access) {
        if (bufs == null || n < 1 || bufs.length < n) {
            throw WsaFailure.of(WsaError.WSAEFAULT);
        }
        long total = 0;
        for (int i = 0; i < n; i++) {
            if (bufs[i] == null) {
                throw WsaFailure.of(WsaError.WSAEFAULT);
            }
            process.api.checkBuffer(fn, bufs[i].buf, bufs[i].off, bufs[i].len, access);
            total += bufs[i].len;
        }
        if (total > Integer.MAX_VALUE) {
            throw WsaFailure.of(WsaError.WSAENOBUFS);
        }
        return (int) total;
    }

    /** The WSABUFs as they are at the call: the array may change afterwards, the buffers they point to may not. */
    static WSABUF[] snapshot(WSABUF[] bufs, int n) {
        WSABUF[] copy = new WSABUF[n];
        for (int i = 0; i < n; i++) {
            copy[i] = new WSABUF(bufs[i].buf, bufs[i].off, bufs[i].len);
        }
        return copy;
    }

    // ---- results ----

    /**
     * WSAGetOverlappedResult (wsa) or GetOverlappedResult: from the status block alone (OVL-02). A
     * pending operation is WSA_IO_INCOMPLETE / ERROR_IO_INCOMPLETE, or with {@code wait} the caller
     * waits (not alertably) on the OVERLAPPED's event, or on the handle when it has none; then the byte
     * count, and TRUE or the status's error in the function's spelling (OVL-04). A status still
     * STATUS_PENDING after the wait (the event was set by someone else) is a success code: TRUE (WOV-06).
     */
    int result(KernelObject handle, WSAOVERLAPPED ov, int[] bytes, boolean wait, int[] flags, boolean wsa) {
        if (ov == null || bytes == null || wsa && flags == null) {
            throw wsa ? WsaFailure.of(WsaError.WSAEFAULT) : Win32Failure.of(Win32Error.ERROR_INVALID_PARAMETER);
        }
        boolean waited = ov.Internal == NTSTATUS.STATUS_PENDING.value && wait;
        if (waited) {
            DispatcherObject on = process.handles.get(ov.hEvent) instanceof EventObject e ? e : handle;
            Dispatcher.waitOne(sim, on, Simulation.INFINITE, false, (wsa ? "WSAGetOverlappedResult(" : "GetOverlappedResult(") + on + ")");
        }
        boolean stillPending = ov.Internal == NTSTATUS.STATUS_PENDING.value;
        int code = stillPending && waited ? 0 : wsa ? NTSTATUS.wsaError(ov.Internal) : NTSTATUS.win32Error(ov.Internal);
        if (!stillPending || waited) {
            bytes[0] = (int) ov.InternalHigh;
            if (flags != null) {
                flags[0] = 0;
            }
        }
        if (code != 0) {
            throw wsa ? WsaFailure.of(WsaError.of(code)) : Win32Failure.of(Win32Error.of(code));
        }
        return WinBase.TRUE;
    }

    // ---- cancellation ----

    /** CancelIo: the calling thread's requests on the handle; TRUE even when there are none. */
    int cancelIo(long h) {
        KernelObject o = handle(h);
        org.winsim.sim.SimThread me = sim.currentThread();
        process.pendingIo.cancel(r -> r.socket == o && r.issuer == me);
        return WinBase.TRUE;
    }

    /** CancelIoEx: every thread's requests on the handle, or the one using {@code ov}; ERROR_NOT_FOUND when none matches. */
    int cancelIoEx(long h, WSAOVERLAPPED ov) {
        KernelObject o = handle(h);
        if (process.pendingIo.cancel(r -> r.socket == o && (ov == null || r.overlapped.ov == ov)) == 0) {
            throw Win32Failure.of(Win32Error.ERROR_NOT_FOUND);
        }
        return WinBase.TRUE;
    }

    private KernelObject handle(long h) {
        KernelObject o = process.handles.get(h);
        if (o == null) {
            throw Win32Failure.of(Win32Error.ERROR_INVALID_HANDLE);
        }
        return o;
    }

    /** A count argument a call without an OVERLAPPED must have: WSAEFAULT when missing (ERR-22). */
    static void requireCount(int[] count) {
        check(count == null || count.length < 1 ? WsaError.WSAEFAULT : null);
    }
}
