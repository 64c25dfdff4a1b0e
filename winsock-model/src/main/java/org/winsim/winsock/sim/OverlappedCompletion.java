package org.winsim.winsock.sim;

import org.winsim.winsock.api.LPWSAOVERLAPPED_COMPLETION_ROUTINE;
import org.winsim.winsock.api.NTSTATUS;
import org.winsim.winsock.api.WSABUF;
import org.winsim.winsock.api.WSAOVERLAPPED;
import org.winsim.winsock.api.Win32Error;
import org.winsim.winsock.api.WinBase;

/**
 * Where an overlapped request's completion goes: the program's WSAOVERLAPPED (its status block:
 * {@code Internal} the NTSTATUS, {@code InternalHigh} the bytes), the buffers a scatter receive fills,
 * and one notification — the completion routine, queued as a user APC to the issuing thread, or else
 * the event and, for a socket on a completion port, a packet. The socket's own handle is signalled
 * too (IO-02), unless FILE_SKIP_SET_EVENT_ON_HANDLE is set on it. A completion is delivered after a close as well: the request outlives its socket.
 */
final class OverlappedCompletion {
    final WSAOVERLAPPED ov;
    final String function;
    private final EventObject event;
    private final LPWSAOVERLAPPED_COMPLETION_ROUTINE routine;
    /** The WSABUFs (as they were at the call) a multi-buffer receive distributes its bytes into, or null. */
    private final WSABUF[] scatter;

    OverlappedCompletion(String function, WSAOVERLAPPED ov, EventObject event, LPWSAOVERLAPPED_COMPLETION_ROUTINE routine,
                         WSABUF[] scatter) {
        this.function = function;
        this.ov = ov;
        this.event = event;
        this.routine = routine;
        this.scatter = scatter;
    }

    /**
     * The I/O manager takes the request: the OVERLAPPED's event, if it has one, is reset (WOV-07); one that is
     * not set stays as it is, with no OBJECT record for a state that did not change.
     */
    void resetEvent() {
        if (event != null && event.isSet()) {
            event.reset();
        }
    }

    /** Whether an OVERLAPPED whose {@code hEvent} has its low bit set asked for no completion-port packet. */
    private boolean wantsPacket() {
        return (ov.hEvent & 1) == 0;
    }

    /** Whether the completion may be delivered after its issuing thread has ended (OVL-10, IOCP-16). */
    boolean survivesIssuerExit(SimSocket s) {
        return s.completionPort != null && event == null && routine == null;
    }

    /** The request completed: fill its buffers and status block, then notify. */
    void completed(IoRequest r) {
        NTSTATUS status = r.status();
        if (scatter != null && (r.error == null || NTSTATUS.isWarning(status.value))) { // a cut datagram's bytes too (WOV-12)
            WSABUF.scatter(r.buf, r.transferred, scatter);
        }
        SimSocket s = r.socket;
        boolean packet = routine == null && s.completionPort != null && wantsPacket();
        if (!packet || event != null) { // a port's packet fills it when a thread removes it (IOCP-21), unless an event is to be set (WOV-09)
            ov.Internal = status.value & 0xffffffffL;
            ov.InternalHigh = r.transferred;
        }
        s.process.pendingIo.remove(ov);
        if ((s.completionModes & WinBase.FILE_SKIP_SET_EVENT_ON_HANDLE) == 0) { // the handle is left alone with it (WOV-08)
            s.fileObjectSignalled();
        }
        if (s.sim.trace().enabled()) {
            s.sim.trace("COMPLETE", "fn", function, "s", s.toString(), "status", status.name(), "bytes",
                    Integer.toString(r.transferred), "to", routine != null ? "routine" : event != null ? event.toString() : "none");
        }
        if (routine != null) {
            ((Win32Thread) r.issuer.attachment()).apcs.add(new RoutineApc(routine, NTSTATUS.wsaError(status.value & 0xffffffffL),
                    r.transferred, ov, function));
            s.sim.alert(r.issuer);
            return;
        }
        if (event != null) {
            event.set();
        }
        if (packet && !s.queueCompletion(ov, r.transferred, status.value & 0xffffffffL,
                Win32Error.of(NTSTATUS.win32Error(status.value & 0xffffffffL)), r.completedAtOnce)) {
            ov.Internal = status.value & 0xffffffffL; // no packet after all (skipped on success): the status block now
            ov.InternalHigh = r.transferred;
        }
    }

    /** A completion routine queued as a user APC with its four arguments. */
    private record RoutineApc(LPWSAOVERLAPPED_COMPLETION_ROUTINE routine, int error, int bytes, WSAOVERLAPPED ov, String fn)
            implements Runnable {
        @Override
        public void run() {
            routine.run(error, bytes, ov, 0);
        }

        @Override
        public String toString() {
            return fn + " completion routine(error " + error + ", " + bytes + " bytes)";
        }
    }
}
