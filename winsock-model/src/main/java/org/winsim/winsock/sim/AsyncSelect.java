package org.winsim.winsock.sim;

import static org.winsim.winsock.api.Winsock.FD_CONNECT_BIT;

import org.winsim.sim.Simulation;
import org.winsim.winsock.api.WinUser;
import org.winsim.winsock.api.Winsock;

/**
 * A WSAAsyncSelect binding: each report posts {@code wMsg} to the window, with wParam = the socket and
 * lParam = WSAMAKESELECTREPLY(event, error), into the message queue of the window's thread. A post that
 * finds the queue at its quota is lost, as Windows loses it; the event counts as reported until its
 * re-enabling call.
 */
final class AsyncSelect implements NotificationBinding {
    private final Simulation sim;
    private final Window window;
    private final int wMsg;
    private final int mask;
    private final long socket;

    AsyncSelect(Simulation sim, Window window, int wMsg, int mask, long socket) {
        this.sim = sim;
        this.window = window;
        this.wMsg = wMsg;
        this.mask = mask;
        this.socket = socket;
    }

    @Override
    public int mask() {
        return mask;
    }

    @Override
    public void deliver(int bit, int error) {
        long lParam = Winsock.WSAMAKESELECTREPLY(1 << bit, error);
        boolean posted = !window.destroyed && window.owner.messages(sim).post(
                new MessageQueue.Message(window.hwnd, wMsg, socket, lParam, (int) (sim.now() / 1_000_000)));
        if (sim.trace().enabled()) {
            sim.trace("FD", "event", Winsock.fdNames(1 << bit), "error", Integer.toString(error),
                    posted ? "posts" : "lost", window + " msg=" + WinUser.messageName(wMsg) + " s=0x" + Long.toHexString(socket));
        }
    }

    @Override
    public boolean reportsEachOccurrence() {
        return false;
    }

    /** WSAAsyncSelect polls AFD as select does (EVT-15). */
    @Override
    public boolean learnsByPolling() {
        return true;
    }

    @Override
    public boolean reportsAfterFailedCall() {
        return true;
    }

    /** A new selection re-posts every selected event that holds, reported or not — except FD_CONNECT (EVT-12, EVT-13). */
    @Override
    public boolean reportsAtRegistration(int bit, boolean alreadyReported) {
        return bit != FD_CONNECT_BIT;
    }

    /** A message-mode selection starts afresh: an event-mode record is dropped (WEV-01). */
    @Override
    public void takeOver(NotificationBinding previous) {
    }

    @Override
    public NotificationBinding forAccepted(SimSocket child) {
        return new AsyncSelect(sim, window, wMsg, mask, child.handle);
    }
}
