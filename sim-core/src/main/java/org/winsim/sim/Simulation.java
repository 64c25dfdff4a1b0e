package org.winsim.sim;

import java.util.ArrayList;
import java.util.List;
import jdk.internal.vm.Continuation;
import org.winsim.sim.trace.Trace;

/**
 * The discrete-event kernel: a virtual clock, the event queue, simulated threads on a CPU model,
 * deterministic random streams and the trace of every step.
 *
 * <p>Events fire in (time, sequence) order. Simulated threads run one at a time, in zero virtual time
 * except where they consume CPU; a thread that waits parks its continuation and the kernel goes on
 * with the next event. A run is a pure function of the program, its parameters and the seed.
 */
public final class Simulation {
    static {
        if (!Object.class.getModule().isExported("jdk.internal.vm", Simulation.class.getModule())) {
            throw new IllegalStateException(
                    "winsim runs simulated threads as continuations: start the JVM with --add-exports java.base/jdk.internal.vm=ALL-UNNAMED");
        }
    }

    /** A timeout that never expires. */
    public static final long INFINITE = -1;

    private final SimulationConfig config;
    private final EventQueue events = new EventQueue();
    private final List<OrderedEvents> lines = new ArrayList<>();
    /** The machine of threads spawned without one (the config's processors). */
    private final Machine machine;
    private final List<Machine> machines = new ArrayList<>();
    private final RandomStreams random;
    private final MemoryBudget stackSpace;
    private final Trace trace = new Trace();
    private final List<SimThread> threads = new ArrayList<>();
    private long now;
    private long nextSeq;
    private long eventsFired;
    private SimThread current;
    private int liveThreads;
    private int peakLiveThreads;
    private int liveNonDaemon;
    private boolean nonDaemonSpawned;
    private boolean stopRequested;
    private boolean started;
    private Finding finding;
    private Chaos chaos = Chaos.NONE;
    private Watchdog watchdog;

    public Simulation(SimulationConfig config) {
        this.config = config;
        this.machine = newMachine("machine", config.processors());
        this.random = new RandomStreams(config.seed());
        this.stackSpace = new MemoryBudget("thread stacks", config.stackBudgetBytes());
    }

    public Simulation() {
        this(SimulationConfig.DEFAULT);
    }

    public SimulationConfig config() {
        return config;
    }

    /** The virtual time, in nanoseconds since the run began. */
    public long now() {
        return now;
    }

    public RandomStreams random() {
        return random;
    }

    /** The scheduling perturbations of this run ({@link Chaos#NONE} unless a fault plan asked for some). */
    public Chaos chaos() {
        return chaos;
    }

    /** Sets the scheduling perturbations; only before the run starts. */
    public void setChaos(Chaos c) {
        if (started) {
            throw new IllegalStateException("chaos is set before the run");
        }
        chaos = c;
    }

    public Trace trace() {
        return trace;
    }

    /** The address space that thread stacks are reserved from. */
    public MemoryBudget stackSpace() {
        return stackSpace;
    }

    /** The machine that threads spawned without naming one run on: {@link SimulationConfig#processors()} processors. */
    public Machine machine() {
        return machine;
    }

    /**
     * Adds a machine of its own processors and run queue (a host of the simulated network): its threads
     * compete for its processors only.
     */
    public Machine newMachine(String name, int processors) {
        Machine m = new Machine(this, name, processors, config);
        machines.add(m);
        return m;
    }

    // ---- events ----

    /** Schedules an action to run in the kernel (not in any simulated thread) after a virtual delay. */
    public ScheduledEvent schedule(long delayNanos, Runnable action) {
        if (delayNanos < 0) {
            throw new IllegalArgumentException("negative delay: " + delayNanos);
        }
        return scheduleAt(now + delayNanos, action);
    }

    /** Schedules an action to run in the kernel at a virtual time no earlier than now. */
    public ScheduledEvent scheduleAt(long time, Runnable action) {
        ScheduledEvent e = newEvent(time, action);
        events.add(e);
        return e;
    }

    /** A new line of events that come due in the order they are scheduled (see {@link OrderedEvents}). */
    public OrderedEvents orderedEvents() {
        OrderedEvents line = new OrderedEvents(this);
        lines.add(line);
        return line;
    }

    /** A new event at {@code time}, no earlier than now, with the next sequence number (not queued yet). */
    ScheduledEvent newEvent(long time, Runnable action) {
        if (time < now) {
            throw new IllegalArgumentException("event in the past: " + time + " < " + now);
        }
        return new ScheduledEvent(time, nextSeq++, action, false);
    }

    /** Puts an event made by {@link #newEvent} in the kernel's queue. */
    void enqueue(ScheduledEvent e) {
        events.add(e);
    }

    /**
     * Schedules kernel housekeeping (a TCP connection leaving TIME_WAIT, say) that does not by itself
     * keep a run going: when only such events are left while threads that must finish are blocked,
     * the run ends in a deadlock at once rather than at the housekeeping's time.
     */
    public ScheduledEvent scheduleBackground(long delayNanos, Runnable action) {
        if (delayNanos < 0) {
            throw new IllegalArgumentException("negative delay: " + delayNanos);
        }
        ScheduledEvent e = new ScheduledEvent(now + delayNanos, nextSeq++, action, true);
        events.add(e);
        return e;
    }

    // ---- threads ----

    /** Spawns a non-daemon thread with the default stack; see {@link #spawn(String, long, boolean, Runnable)}. */
    public SimThread spawn(String name, Runnable body) {
        return spawn(name, config.defaultStackBytes(), false, body);
    }

    /**
     * Creates a simulated thread that becomes ready at once.
     *
     * @param stackBytes stack reserved from {@link #stackSpace()}; 0 takes the default
     * @param daemon whether the run may complete while this thread still lives
     * @throws OutOfSimulatedMemoryException when the stack does not fit in what is left of the budget
     */
    public SimThread spawn(String name, long stackBytes, boolean daemon, Runnable body) {
        return spawn(name, stackSpace, stackBytes, daemon, body);
    }

    /**
     * Creates a simulated thread whose stack is reserved from a given budget (a process's address
     * space, say) instead of the machine-wide {@link #stackSpace()}.
     */
    public SimThread spawn(String name, MemoryBudget budget, long stackBytes, boolean daemon, Runnable body) {
        return spawn(name, machine, budget, stackBytes, daemon, body);
    }

    /** Creates a simulated thread that runs on the processors of {@code on}, with its stack from {@code budget}. */
    public SimThread spawn(String name, Machine on, MemoryBudget budget, long stackBytes, boolean daemon, Runnable body) {
        long stack = stackBytes == 0 ? config.defaultStackBytes() : stackBytes;
        if (!budget.tryReserve(stack)) {
            throw new OutOfSimulatedMemoryException("no room for a " + stack + "-byte stack for thread '" + name + "': "
                    + budget.used() + " of " + budget.limit() + " bytes of " + budget.name() + " are reserved");
        }
        SimThread t = new SimThread(this, threads.size() + 1, name, on, daemon, budget, stack, body);
        threads.add(t);
        liveThreads++;
        peakLiveThreads = Math.max(peakLiveThreads, liveThreads);
        if (!daemon) {
            liveNonDaemon++;
            nonDaemonSpawned = true;
        }
        if (trace.enabled()) {
            traceFor(t, "SPAWN", "stack", Long.toString(stack), "daemon", Boolean.toString(daemon), "by", threadLabel(current));
        }
        on.makeReady(t);
        return t;
    }

    /** The simulated thread running now. */
    public SimThread currentThread() {
        if (current == null) {
            throw new IllegalStateException("not in a simulated thread: this call must be made by a thread the simulation spawned");
        }
        return current;
    }

    /** The simulated thread running now, or null in kernel context. */
    public SimThread currentThreadOrNull() {
        return current;
    }

    /** Every thread spawned so far, in spawn order. */
    public List<SimThread> threads() {
        return List.copyOf(threads);
    }

    /** Events waiting to fire now (in the queue and in lines behind it). */
    public int pendingEvents() {
        int n = events.size();
        for (OrderedEvents line : lines) {
            n += line.waiting();
        }
        return n;
    }

    /** How many threads have been spawned so far. */
    public int threadCount() {
        return threads.size();
    }

    /**
     * Parks the current thread until {@link #wake}, the timeout, or (if alertable) {@link #alert}.
     *
     * @param waitingOn what it waits on, for the trace and deadlock reports
     * @param timeoutNanos virtual nanoseconds to wait at most; {@link #INFINITE} (any negative) waits forever
     */
    public WakeReason park(Object waitingOn, long timeoutNanos, boolean alertable) {
        SimThread t = currentThread();
        if (t.cpuOwed > 0) { // paid here, a signal or alert meanwhile would find it running, not parked, and be lost
            throw new IllegalStateException(t + " parks owing " + t.cpuOwed
                    + " ns of CPU: a wait pays what its thread owes (payOwedCpu) before it looks at its objects");
        }
        t.state = ThreadState.BLOCKED;
        t.waitingOn = waitingOn;
        t.alertable = alertable;
        t.wakeReason = null;
        t.blockedSince = now;
        if (t.stateListener != null) {
            t.stateListener.onBlocked(t, waitingOn);
        }
        if (timeoutNanos >= 0) {
            t.timeout = scheduleAt(now + timeoutNanos, () -> wakeWith(t, WakeReason.TIMEOUT));
        }
        if (trace.enabled()) {
            traceFor(t, "BLOCK", "on", String.valueOf(waitingOn),
                    "timeout", timeoutNanos < 0 ? "INFINITE" : Long.toString(timeoutNanos),
                    "alertable", Boolean.toString(alertable));
        }
        t.machine.release(t);
        suspend();
        return t.wakeReason;
    }

    /** Wakes a thread blocked in {@link #park} (not in a dispatcher wait); returns false if it was not parked. */
    public boolean wake(SimThread t) {
        if (t.wait != null) {
            throw new IllegalStateException(t + " is in a dispatcher wait: only its objects may satisfy it");
        }
        return wakeWith(t, WakeReason.SIGNALED);
    }

    /** Interrupts a thread's alertable wait; returns false (doing nothing) if it is not in one. */
    public boolean alert(SimThread t) {
        return t.state == ThreadState.BLOCKED && t.alertable && wakeWith(t, WakeReason.ALERTED);
    }

    private boolean wakeWith(SimThread t, WakeReason reason) {
        if (t.state != ThreadState.BLOCKED) {
            return false;
        }
        if (t.timeout != null) {
            t.timeout.cancel();
            t.timeout = null;
        }
        if (t.wait != null) { // a timeout or an alert ends a dispatcher wait: its blocks leave their objects
            t.wait.unlink();
            t.wait = null;
        }
        t.wakeReason = reason;
        t.wakes++;
        if (trace.enabled()) {
            traceFor(t, "WAKE", "reason", reason.name(), "by", threadLabel(current),
                    "waited", Long.toString(now - t.blockedSince));
        }
        t.waitingOn = null;
        if (t.stateListener != null) {
            t.stateListener.onWoken(t);
        }
        t.machine.makeReady(t);
        return true;
    }

    /** The dispatcher satisfied a thread's wait: it wakes with its result (an index) and what the object handed out. */
    void satisfy(Wait w, int index, Object payload) {
        w.unlink();
        w.result = index;
        w.thread.wait = null;
        w.thread.waitPayload = payload;
        wakeWith(w.thread, WakeReason.SIGNALED);
    }

    /** Blocks the current thread for a virtual duration; 0 only gives the processor to a ready thread, as Sleep(0) does. */
    public void sleep(long nanos) {
        payOwedCpu();
        if (nanos <= 0) {
            yieldProcessor();
        } else {
            park(new Sleeping(nanos), nanos, false);
        }
    }

    /** What a sleeping thread waits on, named only when the trace or a report asks (no string per sleep). */
    private record Sleeping(long nanos) {
        @Override
        public String toString() {
            return "Sleep(" + Durations.micro(nanos) + "us)";
        }
    }

    /** Gives the processor to the next ready thread, if there is one, and waits for it back. */
    public void yieldProcessor() {
        SimThread t = currentThread();
        if (t.machine.preempt(t)) {
            if (trace.enabled()) {
                traceFor(t, "PREEMPT", "why", "yield");
            }
            suspend();
        }
    }

    /**
     * Runs the current thread on its processor for a virtual duration of CPU time: a call's cost or a
     * computation. When its quantum is spent and it needs more, it yields to the run queue if another thread is ready.
     */
    public void consumeCpu(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("negative CPU time: " + nanos);
        }
        SimThread t = currentThread();
        nanos += t.cpuOwed;
        t.cpuOwed = 0;
        if (chaos.cpuJitter() > 0 && nanos > 0) {
            double u = random.stream("sched.cpu").nextDouble();
            nanos = Math.max(1, Math.round(nanos * (1 + (2 * u - 1) * chaos.cpuJitter())));
        }
        while (nanos > 0) {
            if (t.quantumLeft == 0) {
                t.quantumLeft = t.machine.quantum;
                if (t.machine.preempt(t)) {
                    if (trace.enabled()) {
                        traceFor(t, "PREEMPT", "why", "quantum");
                    }
                    suspend();
                }
            }
            long slice = Math.min(nanos, t.quantumLeft);
            if (!runsOnAtOnce(now + slice)) {
                scheduleAt(now + slice, t.resumer);
                suspend();
            }
            t.cpuNanos += slice;
            nanos -= slice;
            t.quantumLeft -= slice;
        }
    }

    /**
     * Bills the current thread CPU time it pays with its next {@link #consumeCpu}, or before it waits or
     * ends: work a call does after its effect (copying the bytes it moved) that nothing else waits for.
     * The call returns at once, and the thread's next charge is one step instead of two.
     */
    public void consumeCpuLater(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("negative CPU time: " + nanos);
        }
        currentThread().cpuOwed += nanos;
    }

    /**
     * Consumes the CPU the current thread owes ({@link #consumeCpuLater}), if any. A wait calls it before
     * it looks at its objects (and before an alertable wait looks at the thread's APCs), so that whatever
     * happens while the thread computes is seen by the wait; so does a reading of the clock. Returns
     * whether it owed any.
     */
    public boolean payOwedCpu() {
        if (currentThread().cpuOwed == 0) {
            return false;
        }
        consumeCpu(0);
        return true;
    }

    /**
     * Whether the running thread's resumption at {@code time} would be the very next event the kernel
     * loop fires: no live event is due by then and the loop would not stop first. Then the thread goes
     * on at once, as if that event had fired (the clock moves to {@code time}, and the event's sequence
     * number and count are taken), without leaving its continuation: the run and its trace are the same,
     * and a call's CPU charge costs no yield whenever nothing else happens meanwhile.
     */
    private boolean runsOnAtOnce(long time) {
        if (stopRequested || nonDaemonSpawned && liveNonDaemon == 0 || time > config.maxTimeNanos()
                || eventsFired == config.maxEvents() || (eventsFired & 0xFFFF) == 0 || events.firstTime() <= time) {
            return false;
        }
        nextSeq++;
        eventsFired++;
        now = time;
        return true;
    }

    private void suspend() {
        Continuation.yield(SimThread.SCOPE);
    }

    /** Kernel side of a dispatch: runs the thread's code until it parks, computes or ends. */
    void resume(SimThread t) {
        if (t.state != ThreadState.RUNNING) {
            throw new IllegalStateException("resuming " + t + " in state " + t.state);
        }
        current = t;
        try {
            t.continuation.run();
        } finally {
            current = null;
        }
    }

    /** The body of every simulated thread: the program's code, then the thread's exit. */
    void threadMain(SimThread t, Runnable body) {
        try {
            body.run();
            payOwedCpu();
        } catch (ThreadExit quiet) {
            if (trace.enabled()) {
                traceFor(t, "ENDED", "why", quiet.getMessage());
            }
        } catch (VirtualMachineError hostFailure) {
            throw hostFailure; // the host JVM is out of memory or stack: winsim's failure, never the program's
        } catch (Throwable e) {
            t.failure = e;
            if (trace.enabled()) {
                traceFor(t, "FAIL", "exception", e.toString());
            }
            fail(new Finding(FindingKind.THREAD_FAILED, now, t.name(),
                    "the thread's code threw " + e, List.of(), e));
        }
        t.cpuOwed = 0; // a thread ended by its process's exit or by an exception does not finish what it owed
        t.state = ThreadState.DONE;
        t.exitTime = now;
        if (t.stateListener != null) {
            t.stateListener.onExited(t);
        }
        t.stackBudget.release(t.stackBytes());
        liveThreads--;
        if (!t.isDaemon()) {
            liveNonDaemon--;
        }
        if (trace.enabled()) {
            traceFor(t, "EXIT", "cputime", Long.toString(t.cpuNanos));
        }
        t.machine.release(t);
        t.signal(this);
    }

    /** Waits until a thread has ended; returns false if the timeout passed first. */
    public boolean join(SimThread t, long timeoutNanos) {
        if (t.state == ThreadState.DONE) {
            return true;
        }
        return Dispatcher.waitOne(this, t, timeoutNanos, false, "join(" + t + ")") == 0;
    }

    // ---- findings and the run ----

    /** Ends the run with a finding after the current step; the first finding wins. */
    public void fail(Finding f) {
        if (finding == null) {
            finding = f;
            if (trace.enabled()) {
                trace.record(now, current == null ? 0 : current.id(), threadLabel(current), "FINDING",
                        "kind", f.kind().name(), "message", f.message());
            }
        }
        stopRequested = true;
    }

    /** Ends the run, as a completed one, after the current step (as ExitProcess does). */
    public void stop() {
        stopRequested = true;
    }

    /**
     * A host-side guard the kernel loop consults every 65,536 events, in kernel context: it returns why the
     * run must stop now (a wall-clock limit, say), or null. It may report progress but must not touch the
     * run, so an aborted run's trace is a prefix of the whole run's.
     */
    @FunctionalInterface
    public interface Watchdog {
        String check(long now, long eventsFired);
    }

    /** Sets the {@link Watchdog}; a stop it asks for ends the run with {@link FindingKind#ABORTED}. */
    public void setWatchdog(Watchdog w) {
        this.watchdog = w;
    }

    /** Runs events until every non-daemon thread has ended (or, with none, until no event is left), or a finding. */
    public RunResult run() {
        if (started) {
            throw new IllegalStateException("a simulation runs once");
        }
        started = true;
        while (!stopRequested && fireNext()) {
            // one event a step: the step is compiled as a method of its own, not only as this loop's on-stack
            // replacement, which the JIT would build from the profile of a run's first events
        }
        if (trace.enabled() && (finding == null || finding.kind() != FindingKind.ABORTED)) {
            traceUnfinished();
        }
        trace.finish();
        List<ThreadStats> stats = new ArrayList<>(threads.size());
        for (SimThread t : threads) {
            stats.add(ThreadStats.of(t));
        }
        long contextSwitches = 0;
        for (Machine m : machines) {
            contextSwitches += m.contextSwitches;
        }
        return new RunResult(finding, now, eventsFired, contextSwitches, peakLiveThreads,
                stackSpace.peak(), stats);
    }

    /** Fires the next event; false when the run ends instead (no event left, a limit reached or a deadlock found). */
    private boolean fireNext() {
        if (nonDaemonSpawned && liveNonDaemon == 0) {
            return false;
        }
        ScheduledEvent e = events.poll();
        if (e == null || e.background && liveNonDaemon > 0 && !events.hasForeground()) {
            if (liveNonDaemon > 0) {
                fail(deadlock());
            }
            return false;
        }
        if (e.time > config.maxTimeNanos()) {
            fail(new Finding(FindingKind.TIME_LIMIT, now, null, "the run passed its virtual-time limit of "
                    + Durations.human(config.maxTimeNanos()) + " (next event at " + Durations.stamp(e.time) + "s)",
                    liveThreadLines(), null));
            return false;
        }
        if (eventsFired == config.maxEvents()) {
            fail(new Finding(FindingKind.EVENT_LIMIT, now, null, "the run fired its limit of "
                    + config.maxEvents() + " events", liveThreadLines(), null));
            return false;
        }
        if ((eventsFired & 0xFFFF) == 0 && eventsFired > 0 && watchdog != null) {
            String why = watchdog.check(now, eventsFired);
            if (why != null) {
                fail(new Finding(FindingKind.ABORTED, now, null, why, liveThreadLines(), null));
                return false;
            }
        }
        eventsFired++;
        now = e.time;
        if (e.line != null) {
            e.line.firstGone();
        }
        e.action.run();
        return true;
    }

    /**
     * One UNFINISHED record for each thread still alive when the run ended (a daemon server blocked in
     * accept, say), so that a CALL without a RET is explained in the trace itself. A run stopped by the
     * watchdog has none: its trace stays a prefix of the whole run's.
     */
    private void traceUnfinished() {
        for (SimThread t : threads) {
            if (t.state == ThreadState.BLOCKED) {
                traceFor(t, "UNFINISHED", "state", "BLOCKED", "on", String.valueOf(t.waitingOn),
                        "since", Long.toString(t.blockedSince));
            } else if (t.state != ThreadState.DONE) {
                traceFor(t, "UNFINISHED", "state", t.state.name());
            }
        }
    }

    private Finding deadlock() {
        return new Finding(FindingKind.DEADLOCK, now, null,
                liveNonDaemon + " thread(s) that must finish are blocked and nothing is scheduled to wake them",
                liveThreadLines(), null);
    }

    private List<String> liveThreadLines() {
        List<String> lines = new ArrayList<>();
        for (SimThread t : threads) {
            if (t.state == ThreadState.BLOCKED) {
                lines.add(t + " BLOCKED on " + t.waitingOn + " since t=" + Durations.stamp(t.blockedSince) + "s"
                        + (t.isDaemon() ? " (daemon)" : ""));
            } else if (t.state != ThreadState.DONE) {
                lines.add(t + " " + t.state + (t.isDaemon() ? " (daemon)" : ""));
            }
        }
        return lines;
    }

    // ---- trace ----

    /** Records a trace step of the current thread (or of the kernel, in kernel context). */
    public void trace(String kind, String... fields) {
        if (trace.enabled()) {
            trace.record(now, current == null ? 0 : current.id(), threadLabel(current), kind, fields);
        }
    }

    void traceFor(SimThread t, String kind, String... fields) {
        trace.record(now, t.id(), t.name(), kind, fields);
    }

    private static String threadLabel(SimThread t) {
        return t == null ? "kernel" : t.name();
    }
}
