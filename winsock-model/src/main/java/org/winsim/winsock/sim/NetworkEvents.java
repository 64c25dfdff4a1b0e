package org.winsim.winsock.sim;

import static org.winsim.winsock.api.Winsock.FD_ACCEPT_BIT;
import static org.winsim.winsock.api.Winsock.FD_CLOSE_BIT;
import static org.winsim.winsock.api.Winsock.FD_CONNECT_BIT;
import static org.winsim.winsock.api.Winsock.FD_MAX_EVENTS;
import static org.winsim.winsock.api.Winsock.FD_OOB_BIT;
import static org.winsim.winsock.api.Winsock.FD_READ_BIT;
import static org.winsim.winsock.api.Winsock.FD_WRITE_BIT;

import org.winsim.winsock.api.WsaError;

/**
 * A socket's network events as WSAEventSelect and WSAAsyncSelect see them (AFD's event-select state):
 * the FD_ events that happened, which of them were reported since their re-enabling call, the error each
 * came with, and the one {@link NotificationBinding} told of them. Winsock's rules live here: one report
 * per event until its re-enabling call (recv for FD_READ and FD_OOB, accept for FD_ACCEPT, a send that
 * failed with WSAEWOULDBLOCK for FD_WRITE); FD_READ, FD_OOB and FD_ACCEPT re-reported after that call
 * while their condition holds; an event that holds at registration reported then; FD_CONNECT and
 * FD_CLOSE holding for good once they happened. The socket raises events after its pending requests
 * had their turn, so data a pending receive took raises no FD_READ.
 */
final class NetworkEvents {
    /** The order in which events that happen together are reported: connect before data, data before close. */
    private static final int[] ORDER = {FD_CONNECT_BIT, FD_ACCEPT_BIT, FD_OOB_BIT, FD_READ_BIT, FD_WRITE_BIT, FD_CLOSE_BIT};

    private final SimSocket s;
    private NotificationBinding binding;
    /** Events (as FD_ bits) reported since their last re-enabling call. */
    private int reported;
    /** FD_CONNECT and FD_CLOSE once they happened: they hold for good. */
    private int happened;
    /** A send failed with WSAEWOULDBLOCK: FD_WRITE comes once space frees. */
    private boolean writeBlocked;
    /** Issue 11's partial-send fault: AFD is short of resources until then, so FD_WRITE waits for it. */
    private long pressureUntil;
    /** The error each event came with. */
    private final int[] errors = new int[FD_MAX_EVENTS];

    NetworkEvents(SimSocket s) {
        this.s = s;
    }

    NotificationBinding binding() {
        return binding;
    }

    /** Whether a selection with events is in force (FIONBIO 0 then fails with WSAEINVAL). */
    boolean selecting() {
        return binding != null && binding.mask() != 0;
    }

    /**
     * WSAEventSelect / WSAAsyncSelect: the binding replaces any earlier one, and the events it selects
     * that hold now are reported at once, in the reporting order.
     */
    void select(NotificationBinding b) {
        b.takeOver(binding);
        binding = b;
        for (int bit : ORDER) {
            if ((b.mask() & (1 << bit)) != 0 && holds(bit) && b.reportsAtRegistration(bit, (reported & (1 << bit)) != 0)) {
                reported |= 1 << bit;
                b.deliver(bit, errors[bit]);
            }
        }
    }

    /** closesocket: the association ends (messages already posted stay where they are). */
    void cancel() {
        binding = null;
    }

    /**
     * The socket's last handle is being closed with the CloseHandle call, not closesocket (nor WSACleanup or
     * the process's exit, which post nothing): AFD closes the endpoint under a WSAAsyncSelect that Winsock
     * never cancelled, and the window hears FD_CLOSE with error 0 (Wine sock.c {@code test_iocp},
     * iocp_async_read_closesocket's todo_wine lines).
     */
    void handleClosing() {
        if (binding instanceof AsyncSelect) {
            happened(FD_CLOSE_BIT, 0);
        }
    }

    /** A socket accepted from this listener inherits its selection and reports what holds for it (FD_WRITE). */
    void inheritTo(SimSocket child) {
        if (binding != null) {
            child.events.select(binding.forAccepted(child));
        }
    }

    // ---- what happens, from the socket's signals ----

    void connected() {
        happened(FD_CONNECT_BIT, 0);
        raiseIfHolds(FD_WRITE_BIT);
    }

    void connectFailed(WsaError error) {
        happened(FD_CONNECT_BIT, error.code);
    }

    /** After the pending accepts had their turn: FD_ACCEPT if a connection is still queued. */
    void connectionQueued() {
        raiseIfHolds(FD_ACCEPT_BIT);
    }

    /** After the pending receives had their turn: FD_READ if data is left for a recv to take. */
    void dataArrived() {
        raiseIfHolds(FD_READ_BIT);
    }

    void urgentArrived() {
        raiseIfHolds(FD_OOB_BIT);
    }

    /** A datagram socket was bound (by bind, or implicitly by a send or connect): it can send, FD_WRITE. */
    void bound() {
        raiseIfHolds(FD_WRITE_BIT);
    }

    /**
     * connect on a datagram socket (EVT-15): it re-enables FD_WRITE, which holds, so FD_WRITE comes again
     * in both modes; AFD records FD_CONNECT too, which message mode, polling as select does, never sees.
     */
    void datagramConnected() {
        reported &= ~(1 << FD_WRITE_BIT);
        NotificationBinding b = binding;
        if (b == null || !b.learnsByPolling()) {
            happened(FD_CONNECT_BIT, 0);
        }
        raiseIfHolds(FD_WRITE_BIT);
    }

    /** Space freed: FD_WRITE, once, if a send failed with WSAEWOULDBLOCK before. */
    void sendSpace() {
        if (writeBlocked && canSend() && s.sim.now() >= pressureUntil) {
            writeBlocked = false;
            happened(FD_WRITE_BIT, 0);
        }
    }

    /** The peer's FIN: FD_CLOSE with 0, even while data is unread (EVT-30). */
    void finReceived() {
        happened(FD_CLOSE_BIT, 0);
    }

    /** The peer's RST: FD_CLOSE with WSAECONNABORTED, as Windows reports it (EVT-31). */
    void resetReceived() {
        happened(FD_CLOSE_BIT, WsaError.WSAECONNABORTED.code);
    }

    /** A partial-send fault: the send path is short of resources until {@code time}. */
    void pressureUntil(long time) {
        pressureUntil = time;
    }

    // ---- the re-enabling calls ----

    /**
     * Runs a re-enabling call of {@code bit} (recv: FD_READ or FD_OOB; accept: FD_ACCEPT), which re-enables it
     * whether it succeeds or fails, except a WSAAccept whose condition function deferred (WSATRY_AGAIN).
     */
    long reenabling(int bit, ApiBoundary.Body call) {
        boolean ok = false;
        boolean deferred = false;
        try {
            long r = call.run();
            ok = true;
            return r;
        } catch (WsaFailure f) {
            deferred = f.error == WsaError.WSATRY_AGAIN;
            throw f;
        } finally {
            if (!deferred) {
                reenabled(bit, ok);
            }
        }
    }

    /**
     * Runs a send of {@code len} bytes: one that fails with WSAEWOULDBLOCK, or takes only part of its bytes,
     * re-enables FD_WRITE, which comes once space frees.
     */
    long sending(int len, ApiBoundary.Body call) {
        try {
            long n = call.run();
            if (n < len) {
                sendWouldBlock(); // a short count means the send path was full for the rest
            }
            return n;
        } catch (WsaFailure f) {
            if (f.error == WsaError.WSAEWOULDBLOCK) {
                sendWouldBlock();
            }
            throw f;
        }
    }

    /** recv / accept (FD_READ, FD_OOB, FD_ACCEPT) returned, well or not: the event may be reported again, and is now if it holds. */
    private void reenabled(int bit, boolean succeeded) {
        reported &= ~(1 << bit);
        NotificationBinding b = binding;
        if (b != null && (succeeded || b.reportsAfterFailedCall()) && holds(bit)) { // no binding, nothing to report
            report(bit, false);
        }
    }

    private void sendWouldBlock() {
        reported &= ~(1 << FD_WRITE_BIT);
        writeBlocked = true;
    }

    // ---- reporting ----

    /** An event that comes with no error (FD_READ, FD_OOB, FD_ACCEPT, FD_WRITE) happened if it holds; without a binding nothing is told. */
    private void raiseIfHolds(int bit) {
        if (binding != null && holds(bit)) {
            happened(bit, 0);
        }
    }

    private void happened(int bit, int error) {
        errors[bit] = error;
        if (bit == FD_CONNECT_BIT || bit == FD_CLOSE_BIT) {
            happened |= 1 << bit;
        }
        report(bit, true);
    }

    /** Tells the binding, if it selects the event and the event was not reported since its re-enabling call. */
    private void report(int bit, boolean newOccurrence) {
        NotificationBinding b = binding;
        if (b == null || (b.mask() & (1 << bit)) == 0) {
            return; // not reported: a later selection of it reports it if it still holds
        }
        if ((reported & (1 << bit)) != 0 && !(newOccurrence && b.reportsEachOccurrence())) {
            return;
        }
        reported |= 1 << bit;
        b.deliver(bit, errors[bit]);
    }

    /** Whether the event's condition holds now. */
    private boolean holds(int bit) {
        if (s.datagramEndpoint() != null) { // a datagram socket: FD_READ while a datagram (or an ICMP report) waits, FD_WRITE once bound
            NotificationBinding b = binding; // (EVT-02), or always for a binding that polls as select does (EVT-15)
            return switch (bit) {
                case FD_READ_BIT -> !s.closed && s.readable();
                case FD_WRITE_BIT -> !s.closed && (s.boundInTable || b != null && b.learnsByPolling());
                default -> false;
            };
        }
        return switch (bit) {
            case FD_READ_BIT -> s.established && !s.closed && s.tcb.bytesReadable() > 0;
            case FD_OOB_BIT -> s.established && !s.closed && !s.options.oobInline && s.tcb.oobPending();
            case FD_ACCEPT_BIT -> s.isListening() && s.listenQueue.hasConnection();
            case FD_WRITE_BIT -> !writeBlocked && canSend();
            default -> (happened & (1 << bit)) != 0;
        };
    }

    /** Whether a send would be taken now. */
    private boolean canSend() {
        return s.established && !s.closed && !s.tcb.resetReceived() && !s.sdSend && (s.tcb.sendSpace() > 0 || s.tcb.sendLimit() == 0);
    }
}
