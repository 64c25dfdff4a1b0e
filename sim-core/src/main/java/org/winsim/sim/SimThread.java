package org.winsim.sim;

import jdk.internal.vm.Continuation;
import jdk.internal.vm.ContinuationScope;

/**
 * A simulated thread: Java code written in blocking style that the kernel runs as a continuation,
 * one simulated thread at a time, and parks without real time passing whenever it waits.
 */
public final class SimThread extends DispatcherObject {
    static final ContinuationScope SCOPE = new ContinuationScope("winsim");

    private final int id;
    private String name;
    private final boolean daemon;
    private final long stackBytes;
    private final long spawnTime;
    final Continuation continuation;
    /** The machine whose processors the thread runs on. */
    final Machine machine;

    ThreadState state = ThreadState.READY;
    Processor processor;
    Processor lastProcessor;
    long quantumLeft;
    Object waitingOn;
    boolean alertable;
    ScheduledEvent timeout;
    WakeReason wakeReason;
    long cpuNanos;
    /** CPU time billed with {@link Simulation#consumeCpuLater} and not yet consumed. */
    long cpuOwed;
    long switches;
    long wakes;
    long exitTime = -1;
    Throwable failure;
    /** The dispatcher wait the thread is blocked in, or null. */
    Wait wait;
    Object waitPayload;
    ThreadStateListener stateListener;
    final MemoryBudget stackBudget;
    private Object attachment;

    final Runnable resumer;
    long blockedSince;

    SimThread(Simulation sim, int id, String name, Machine machine, boolean daemon, MemoryBudget stackBudget, long stackBytes,
              Runnable body) {
        this.machine = machine;
        this.stackBudget = stackBudget;
        this.id = id;
        this.name = name;
        this.daemon = daemon;
        this.stackBytes = stackBytes;
        this.spawnTime = sim.now();
        this.resumer = () -> sim.resume(this);
        this.continuation = new Continuation(SCOPE, () -> sim.threadMain(this, body)) {
            @Override
            protected void onPinned(Continuation.Pinned reason) {
                throw new IllegalStateException("simulated thread '" + SimThread.this.name
                        + "' tried to wait while pinned (" + reason
                        + "): it must not hold a Java monitor or a native frame across a simulated wait");
            }
        };
    }

    /** The machine whose processors the thread runs on. */
    public Machine machine() {
        return machine;
    }

    /** A small number, unique in its simulation, given in spawn order from 1. */
    public int id() {
        return id;
    }

    /** How many times a wait of this thread ended (signalled, timed out or alerted). */
    public long wakes() {
        return wakes;
    }

    public String name() {
        return name;
    }

    /** Gives the thread a new name (SetThreadDescription): trace records from now on carry it. */
    public void rename(String newName) {
        this.name = newName;
    }

    /** A daemon thread does not keep the run alive: the run completes when every non-daemon thread has ended. */
    public boolean isDaemon() {
        return daemon;
    }

    public long stackBytes() {
        return stackBytes;
    }

    public ThreadState state() {
        return state;
    }

    /** What the thread waits on while it is blocked (the description it parked with), or null. */
    public Object waitingOn() {
        return state == ThreadState.BLOCKED ? waitingOn : null;
    }

    /** Simulated CPU time the thread has consumed, in nanoseconds. */
    public long cpuNanos() {
        return cpuNanos;
    }

    /** How many times a processor switched to this thread from another one. */
    public long contextSwitches() {
        return switches;
    }

    public long spawnTime() {
        return spawnTime;
    }

    /** The virtual time at which the thread ended, or -1 while it lives. */
    public long exitTime() {
        return exitTime;
    }

    /** The exception the thread's code threw, or null. */
    public Throwable failure() {
        return failure;
    }

    /** What the object that satisfied the thread's last dispatcher wait handed it (a packet, a message), or null. */
    public Object waitPayload() {
        return waitPayload;
    }

    /** Sets the one listener told of this thread's every blocked/woken change (a completion port's running count). */
    public void setStateListener(ThreadStateListener listener) {
        this.stateListener = listener;
    }

    /** The listener set by {@link #setStateListener}, or null. */
    public ThreadStateListener stateListener() {
        return stateListener;
    }

    /** A thread object is signalled once the thread has ended (what joining it waits for). */
    @Override
    protected boolean isSignaledFor(SimThread waiter) {
        return state == ThreadState.DONE;
    }

    /** State that a layer above the kernel keeps per thread (a Win32 thread's last error, say). */
    public Object attachment() {
        return attachment;
    }

    public void attach(Object state) {
        this.attachment = state;
    }

    @Override
    public String toString() {
        return name + "#" + id;
    }
}
