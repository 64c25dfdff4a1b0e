package org.winsim.winsock.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.winsim.sim.Dispatcher;
import org.winsim.sim.SimThread;
import org.winsim.sim.Simulation;
import org.winsim.sim.ThreadStateListener;
import org.winsim.winsock.api.Win32Error;

/**
 * An I/O completion port: an NT kernel queue ({@code KQUEUE}) of completion packets, scheduled as
 * {@code KiInsertQueue}, {@code KeRemoveQueue} and {@code KiActivateWaiterQueue} schedule it.
 *
 * <ul>
 * <li>Packets are queued FIFO; threads waiting in GetQueuedCompletionStatus are released LIFO (the
 * dispatcher links this object's waiters at the head).
 * <li>A thread belongs to the port it last called GetQueuedCompletionStatus on, and counts as running
 * there while it is not blocked. A packet goes to a waiter only while fewer than {@link #maximumCount}
 * of them run: that gate is part of {@link #isSignaledFor}, and handing a packet over counts its thread
 * at once ({@link #acquire}), so the dispatcher's signal loop stops at the limit by itself.
 * <li>A member that blocks in any other wait, or ends, stops counting and the port releases a waiter
 * then if it can ({@link #onBlocked}: {@code KiActivateWaiterQueue}); a member that wakes counts again
 * without any check, so the count can exceed the limit until members block or call in again.
 * <li>A member's next GetQueuedCompletionStatus stops counting it and takes the head packet at once,
 * ahead of the waiters, if the count then allows — without a wait or a context switch.
 * </ul>
 *
 * <p>A plain wait on the port's handle (WaitForSingleObject) is satisfied while packets are queued and
 * takes none. Closing the handle releases every GetQueuedCompletionStatus waiter with
 * ERROR_ABANDONED_WAIT_0, drops the queued packets and frees the members ({@code KeRundownQueue}).
 */
final class CompletionPort extends KernelObject implements ThreadStateListener {
    /** What an abandoned waiter receives instead of a packet. */
    private static final Object ABANDONED = new Object();

    private final Simulation sim;
    /** NumberOfConcurrentThreads (0 given: the number of processors of the creator's machine). */
    final int maximumCount;
    private final ArrayDeque<CompletionPacket> entries = new ArrayDeque<>();
    /** The threads that belong to this port (NT's ThreadListHead), in the order they joined. */
    private final LinkedHashSet<SimThread> members = new LinkedHashSet<>();
    /** The members inside GetQueuedCompletionStatus now (in its wait, or about to be). */
    private final LinkedHashSet<SimThread> removers = new LinkedHashSet<>();
    /** Members counted as running (NT's CurrentCount). */
    private int currentCount;
    private boolean closed;
    private final Object removal = new Object() {
        @Override
        public String toString() {
            return "GetQueuedCompletionStatus(" + CompletionPort.this + ")";
        }
    };

    CompletionPort(Simulation sim, int numberOfConcurrentThreads) {
        this.sim = sim;
        this.maximumCount = numberOfConcurrentThreads == 0 ? sim.currentThread().machine().processors()
                : numberOfConcurrentThreads;
    }

    /** Members counted as running now. */
    int runningCount() {
        return currentCount;
    }

    /** Packets queued now. */
    int queuedPackets() {
        return entries.size();
    }

    /**
     * Queues a packet ({@code KiInsertQueue}): the most recent waiter takes it at once if the running count
     * allows, else it waits at the tail. A packet posted to a port whose handle is closed is dropped.
     */
    void post(CompletionPacket p) {
        if (closed) {
            if (sim.trace().enabled()) {
                trace(sim, "IOCP", "port", toString(), "dropped", p.toString(), "why", "port closed");
            }
            return;
        }
        CompletionPacket q = p;
        if (sim.trace().enabled()) {
            q = p.linked(sim.trace().recordCount()); // the number of the IOCP record just below
            entries.addLast(q);
            trace(sim, "IOCP", "port", toString(), "queued", q.toString(), "packets", Integer.toString(entries.size()),
                    "running", Integer.toString(currentCount), "max", Integer.toString(maximumCount),
                    "waiters", Integer.toString(removers.size()), "link", q.linkId());
        } else {
            entries.addLast(q);
        }
        signal(sim);
    }

    /** The head packet leaves the queue for thread {@code to}: traced, so that the port's lane shows its queue. */
    private CompletionPacket takeHead(SimThread to) {
        CompletionPacket p = entries.pollFirst();
        if (sim.trace().enabled()) {
            trace(sim, "IOCP", "port", toString(), "removed", p.toString(), "packets", Integer.toString(entries.size()),
                    "running", Integer.toString(currentCount), "to", to.name());
        }
        return p;
    }

    /**
     * GetQueuedCompletionStatus's removal ({@code KeRemoveQueue}) by {@code th}: the packet it gets, or null when
     * an alertable removal was alerted (the caller runs the APCs). A timeout throws WAIT_TIMEOUT; a close of
     * the port during the wait throws ERROR_ABANDONED_WAIT_0.
     *
     * @param timeoutNanos 0 only polls; negative waits forever
     */
    CompletionPacket remove(Win32Thread th, long timeoutNanos, boolean alertable) {
        SimThread t = th.object.thread;
        join(th);
        removers.add(t);
        int r;
        try {
            r = alertable && !th.apcs.isEmpty() && !mayTake() ? Dispatcher.ALERTED
                    : Dispatcher.waitOne(sim, this, timeoutNanos, alertable, removal);
        } finally {
            removers.remove(t);
        }
        if (r == 0) {
            Object got = t.waitPayload();
            if (got == ABANDONED) {
                throw Win32Failure.of(Win32Error.ERROR_ABANDONED_WAIT_0);
            }
            CompletionPacket p = (CompletionPacket) got;
            p.removed();
            return p;
        }
        currentCount++; // a removal that ends without a packet counts its thread again (KiUnlinkThread)
        if (r == Dispatcher.TIMEOUT) {
            throw Win32Failure.of(Win32Error.WAIT_TIMEOUT);
        }
        return null;
    }

    /**
     * After a first packet, GetQueuedCompletionStatusEx's further ones: up to {@code max} more from the head,
     * without waiting (the thread already counts as running).
     */
    List<CompletionPacket> removeMore(int max) {
        List<CompletionPacket> more = new ArrayList<>();
        while (more.size() < max && !entries.isEmpty()) {
            CompletionPacket p = takeHead(sim.currentThread());
            p.removed();
            more.add(p);
        }
        return more;
    }

    /** The thread joins this port, leaving the one it belonged to; a member stops counting while it removes. */
    private void join(Win32Thread th) {
        SimThread t = th.object.thread;
        if (th.port == this) {
            currentCount--;
            return;
        }
        if (th.port != null) {
            th.port.leave(t);
        }
        th.port = this;
        members.add(t);
        t.setStateListener(this);
    }

    /** A running member leaves (it joined another port, or ended): it stops counting, and a waiter may run. */
    private void leave(SimThread t) {
        members.remove(t);
        t.setStateListener(null);
        ((Win32Thread) t.attachment()).port = null;
        activate();
    }

    /** KiActivateWaiterQueue: one running member fewer; a waiter takes the head packet if the count now allows. */
    private void activate() {
        currentCount--;
        signal(sim);
    }

    private boolean mayTake() {
        return closed || !entries.isEmpty() && currentCount < maximumCount;
    }

    @Override
    public void onBlocked(SimThread t, Object waitingOn) {
        if (!removers.contains(t)) {
            activate();
        }
    }

    @Override
    public void onWoken(SimThread t) {
        if (!removers.contains(t)) {
            currentCount++; // even past the limit (IOCP-19)
        }
    }

    @Override
    public void onExited(SimThread t) {
        leave(t);
    }

    /** A GetQueuedCompletionStatus waiter may take a packet; a plain wait on the handle sees whether any is queued. */
    @Override
    protected boolean isSignaledFor(SimThread waiter) {
        return removers.contains(waiter) ? mayTake() : !entries.isEmpty();
    }

    @Override
    protected Object acquire(SimThread waiter) {
        if (!removers.contains(waiter)) {
            return null;
        }
        if (closed) {
            return ABANDONED;
        }
        currentCount++;
        return takeHead(waiter);
    }

    @Override
    protected boolean releasesLifo() {
        return true;
    }

    @Override
    boolean isWaitable() {
        return true;
    }

    /** The handle is closed: waiters are abandoned, packets dropped, members freed (KeRundownQueue). */
    @Override
    void closeHandle() {
        closed = true;
        signal(sim);
        if (sim.trace().enabled()) {
            trace(sim, "IOCP", "port", toString(), "closed", entries.size() + " packets dropped");
        }
        entries.clear();
        for (SimThread t : List.copyOf(members)) {
            members.remove(t);
            t.setStateListener(null);
            ((Win32Thread) t.attachment()).port = null;
        }
    }

    @Override
    String kind() {
        return "port";
    }
}
