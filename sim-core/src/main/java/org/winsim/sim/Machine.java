package org.winsim.sim;

import java.util.ArrayDeque;

/**
 * One simulated computer's processors, the CPU model its threads run on: N processors, a FIFO run
 * queue, a cost for every switch of a processor to another thread, and a quantum after which a thread
 * that keeps computing yields to the run queue. Each machine schedules only its own threads, so a busy
 * machine never delays another's (a client host's thousands of threads and the server's accept thread).
 */
public final class Machine {
    private final Simulation sim;
    private final String name;
    private final Processor[] processors;
    private final ArrayDeque<SimThread> runQueue = new ArrayDeque<>();
    private final long switchCost;
    final long quantum;
    long contextSwitches;

    Machine(Simulation sim, String name, int count, SimulationConfig config) {
        if (count < 1) {
            throw new IllegalArgumentException("a machine has at least 1 processor: " + count);
        }
        this.sim = sim;
        this.name = name;
        this.processors = new Processor[count];
        for (int i = 0; i < count; i++) {
            processors[i] = new Processor(i);
        }
        this.switchCost = config.contextSwitchNanos();
        this.quantum = config.quantumNanos();
    }

    public String name() {
        return name;
    }

    /** How many processors the machine has (what GetSystemInfo reports to its programs). */
    public int processors() {
        return processors.length;
    }

    /** How many times one of its processors switched to another thread. */
    public long contextSwitches() {
        return contextSwitches;
    }

    @Override
    public String toString() {
        return name;
    }

    /** Puts a thread that can run on a free processor, preferring the one it ran on last, or on the run queue. */
    void makeReady(SimThread t) {
        t.state = ThreadState.READY;
        Processor p = freeProcessor(t);
        if (p == null) {
            runQueue.addLast(t);
        } else {
            dispatch(p, t);
        }
    }

    /** Takes the processor from a thread that blocks, ends or is preempted, and gives it to the next ready thread. */
    void release(SimThread t) {
        Processor p = t.processor;
        t.processor = null;
        p.holder = null;
        SimThread next = sim.chaos().randomReadyChoice() ? pollRandom() : runQueue.pollFirst();
        if (next != null) {
            dispatch(p, next);
        }
    }

    /** Moves the running thread to the back of the run queue if another thread is ready; returns whether it did. */
    boolean preempt(SimThread t) {
        if (runQueue.isEmpty()) {
            return false;
        }
        t.state = ThreadState.READY;
        runQueue.addLast(t);
        release(t);
        return true;
    }

    /** Takes a ready thread chosen by the "sched.ready" stream (a fault plan's scheduling perturbation). */
    private SimThread pollRandom() {
        if (runQueue.isEmpty()) {
            return null;
        }
        int k = sim.random().stream("sched.ready").nextInt(runQueue.size());
        java.util.Iterator<SimThread> it = runQueue.iterator();
        SimThread t = it.next();
        for (int i = 0; i < k; i++) {
            t = it.next();
        }
        it.remove();
        return t;
    }

    private Processor freeProcessor(SimThread t) {
        if (t.lastProcessor != null && t.lastProcessor.holder == null) {
            return t.lastProcessor;
        }
        for (Processor p : processors) {
            if (p.holder == null) {
                return p;
            }
        }
        return null;
    }

    private void dispatch(Processor p, SimThread t) {
        p.holder = t;
        t.processor = p;
        t.state = ThreadState.RUNNING;
        t.quantumLeft = quantum;
        long cost = 0;
        boolean switched = p.last != t;
        if (switched) {
            cost = switchCost;
            contextSwitches++;
            t.switches++;
        }
        p.last = t;
        t.lastProcessor = p;
        if (sim.trace().enabled()) {
            sim.traceFor(t, "DISPATCH", "cpu", Integer.toString(p.index), "switch", switched ? "yes" : "no");
        }
        sim.scheduleAt(sim.now() + cost, t.resumer);
    }
}
