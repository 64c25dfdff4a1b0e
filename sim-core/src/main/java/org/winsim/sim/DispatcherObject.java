package org.winsim.sim;

/**
 * A waitable kernel object of the dispatcher (an NT {@code DISPATCHER_HEADER}): a signal state and a
 * queue of wait blocks. When the object becomes signalled it satisfies waits <em>then and there</em>
 * ({@link #signal}, like NT's {@code KiWaitTest}): each satisfied waiter is handed its result with the
 * wake, so a thread that waits later can never take a signal already given to an earlier waiter.
 *
 * <p>Subclasses say when they are signalled for a given waiter, what satisfying a wait does to them (an
 * auto-reset event resets; a mutex takes an owner; a queue hands out an entry), and whether their
 * waiters are released FIFO (the default) or LIFO (a completion port's).
 */
public abstract class DispatcherObject {
    private WaitBlock head;
    private WaitBlock tail;
    private int waiterCount;

    /** Whether a wait by {@code waiter} on this object would be satisfied now. */
    protected abstract boolean isSignaledFor(SimThread waiter);

    /**
     * Satisfying a wait of {@code waiter} consumes what the object gives: an auto-reset event resets,
     * a mutex takes its owner, a queue hands out its next entry. Returns what the waiter receives with
     * its wake (a packet, a message), or null.
     */
    protected Object acquire(SimThread waiter) {
        return null;
    }

    /** Whether the most recent waiter is released first (a completion port's rule) rather than the oldest. */
    protected boolean releasesLifo() {
        return false;
    }

    /** How many threads wait on this object now. */
    public final int waiterCount() {
        return waiterCount;
    }

    /**
     * The object's state changed towards signalled: satisfies the waits it can, in queue order, until
     * it is no longer signalled for the next waiter. Returns how many waits it satisfied.
     */
    protected final int signal(Simulation sim) {
        int satisfied = 0;
        WaitBlock b = head;
        while (b != null) {
            Wait w = b.wait;
            if (!isSignaledFor(w.thread)) {
                break; // the state is spent: no later waiter can have it either
            }
            if (w.all) {
                if (!w.allSignaled()) {
                    b = b.next;
                    continue;
                }
                w.acquireAll();
                sim.satisfy(w, 0, null);
            } else {
                Object payload = acquire(w.thread);
                sim.satisfy(w, b.index, payload);
            }
            satisfied++;
            b = head; // satisfying unlinked the wait's blocks, perhaps several of this object's
        }
        return satisfied;
    }

    final void link(WaitBlock b) {
        if (releasesLifo()) {
            b.next = head;
            if (head != null) {
                head.prev = b;
            } else {
                tail = b;
            }
            head = b;
        } else {
            b.prev = tail;
            if (tail != null) {
                tail.next = b;
            } else {
                head = b;
            }
            tail = b;
        }
        waiterCount++;
    }

    final void unlink(WaitBlock b) {
        if (b.prev != null) {
            b.prev.next = b.next;
        } else {
            head = b.next;
        }
        if (b.next != null) {
            b.next.prev = b.prev;
        } else {
            tail = b.prev;
        }
        b.prev = null;
        b.next = null;
        waiterCount--;
    }
}
