package org.winsim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimThreadTest {
    private static final SimulationConfig FREE_SWITCH = SimulationConfig.DEFAULT.withContextSwitchNanos(0);

    @Test
    void sleepAdvancesVirtualTimeExactly() {
        Simulation sim = new Simulation(FREE_SWITCH);
        List<Long> times = new ArrayList<>();
        sim.spawn("sleeper", () -> {
            times.add(sim.now());
            sim.sleep(Durations.millis(3));
            times.add(sim.now());
            sim.sleep(Durations.micros(7));
            times.add(sim.now());
        });
        RunResult r = sim.run();
        assertNull(r.finding());
        assertEquals(List.of(0L, 3_000_000L, 3_007_000L), times);
    }

    @Test
    void parkTimesOutAtItsDeadline() {
        Simulation sim = new Simulation(FREE_SWITCH);
        int[] reason = new int[1];
        long[] at = new long[1];
        sim.spawn("waiter", () -> {
            reason[0] = new Gate(sim).await("nothing", 250);
            at[0] = sim.now();
        });
        sim.run();
        assertEquals(Dispatcher.TIMEOUT, reason[0]);
        assertEquals(250, at[0]);
    }

    @Test
    void wakeBeforeTheTimeoutCancelsIt() {
        Simulation sim = new Simulation(FREE_SWITCH);
        Gate cond = new Gate(sim);
        List<String> log = new ArrayList<>();
        sim.spawn("waiter", () -> {
            int r = cond.await("cond", Durations.seconds(10));
            log.add(r + "@" + sim.now());
        });
        sim.spawn("signaller", () -> {
            sim.sleep(40);
            assertEquals(1, cond.post());
            log.add("signalled@" + sim.now());
        });
        RunResult r = sim.run();
        assertEquals(List.of("signalled@40", "0@40"), log);
        assertEquals(40, r.endTime(), "the cancelled 10 s timeout must not move the clock");
    }

    @Test
    void waitersAreReleasedInFifoOrder() {
        Simulation sim = new Simulation(FREE_SWITCH.withProcessors(1));
        Gate cond = new Gate(sim);
        List<String> woke = new ArrayList<>();
        for (String n : List.of("w1", "w2", "w3")) {
            sim.spawn(n, () -> {
                cond.await("cond", Simulation.INFINITE);
                woke.add(n);
            });
        }
        sim.spawn("signaller", () -> {
            sim.sleep(1);
            cond.post();
            cond.open();
        });
        assertNull(sim.run().finding());
        assertEquals(List.of("w1", "w2", "w3"), woke);
    }

    @Test
    void alertWakesOnlyAlertableWaits() {
        Simulation sim = new Simulation(FREE_SWITCH);
        List<String> log = new ArrayList<>();
        SimThread[] threads = new SimThread[2];
        threads[0] = sim.spawn("alertable", () -> log.add("A " + sim.park("apc", 1000, true) + "@" + sim.now()));
        threads[1] = sim.spawn("plain", () -> log.add("P " + sim.park("event", 1000, false) + "@" + sim.now()));
        sim.spawn("alerter", () -> {
            sim.sleep(10);
            log.add("alert alertable " + sim.alert(threads[0]));
            log.add("alert plain " + sim.alert(threads[1]));
        });
        sim.run();
        assertEquals(List.of("alert alertable true", "alert plain false", "A ALERTED@10", "P TIMEOUT@1000"), log);
    }

    @Test
    void joinWaitsForExitAndTimesOut() {
        Simulation sim = new Simulation(FREE_SWITCH);
        List<String> log = new ArrayList<>();
        sim.spawn("main", () -> {
            SimThread worker = sim.spawn("worker", 0, false, () -> sim.sleep(100));
            log.add("join50 " + sim.join(worker, 50) + "@" + sim.now());
            log.add("join " + sim.join(worker, Simulation.INFINITE) + "@" + sim.now());
            log.add("again " + sim.join(worker, 0) + "@" + sim.now());
        });
        sim.run();
        assertEquals(List.of("join50 false@50", "join true@100", "again true@100"), log);
    }

    @Test
    void exceptionInAThreadEndsTheRunWithNameTimeAndCause() {
        Simulation sim = new Simulation(FREE_SWITCH);
        List<String> after = new ArrayList<>();
        sim.spawn("worker-7", () -> {
            sim.sleep(1234);
            throw new IllegalArgumentException("bad buffer");
        });
        sim.spawn("other", () -> {
            sim.sleep(5000);
            after.add("ran on");
        });
        RunResult r = sim.run();
        Finding f = r.finding();
        assertEquals(FindingKind.THREAD_FAILED, f.kind());
        assertEquals("worker-7", f.thread());
        assertEquals(1234, f.time());
        assertTrue(f.cause() instanceof IllegalArgumentException);
        assertEquals("bad buffer", f.cause().getMessage());
        assertTrue(f.describe().startsWith("THREAD_FAILED at t=0.000001234s in thread worker-7: the thread's code threw"),
                f.describe());
        assertTrue(after.isEmpty(), "the run stops at the failure");
        assertEquals(1234, r.endTime());
    }

    @Test
    void hostErrorsLeaveTheRunInsteadOfBecomingFindings() {
        for (VirtualMachineError host : List.of(new OutOfMemoryError("host heap"), new StackOverflowError())) {
            Simulation sim = new Simulation(FREE_SWITCH);
            sim.spawn("worker", () -> {
                sim.sleep(10);
                throw host;
            });
            VirtualMachineError thrown = assertThrows(VirtualMachineError.class, sim::run);
            assertSame(host, thrown, "the host's error itself leaves run(), it is not a THREAD_FAILED finding");
        }
    }

    @Test
    void aWatchdogAbortsTheRunAndItsTraceIsAPrefixOfTheWholeRun() {
        org.winsim.sim.trace.TraceBuffer whole = new org.winsim.sim.trace.TraceBuffer();
        Simulation full = ticker(whole);
        assertNull(full.run().finding());

        org.winsim.sim.trace.TraceBuffer cut = new org.winsim.sim.trace.TraceBuffer();
        Simulation aborted = ticker(cut);
        List<Long> seen = new ArrayList<>();
        aborted.setWatchdog((now, events) -> {
            seen.add(events);
            return events >= 2 * 65_536 ? "the wall-clock limit of 1s has passed" : null;
        });
        RunResult r = aborted.run();
        assertEquals(List.of(65_536L, 131_072L), seen, "consulted after every 65,536 events, not before the first");
        assertEquals(FindingKind.ABORTED, r.finding().kind());
        assertEquals(131_072, r.eventsFired());
        assertTrue(r.finding().describe().startsWith("ABORTED at t=" + Durations.stamp(r.endTime())
                + "s: the wall-clock limit of 1s has passed"), r.finding().describe());
        List<String> a = cut.records().stream().map(org.winsim.sim.trace.TraceFormat::text).toList();
        List<String> b = whole.records().stream().map(org.winsim.sim.trace.TraceFormat::text).toList();
        assertEquals(b.subList(0, a.size() - 1), a.subList(0, a.size() - 1), "everything before the FINDING line is the whole run's");
        assertTrue(a.get(a.size() - 1).contains("FINDING"), a.get(a.size() - 1));
    }

    /** A run of 200,000 sleeps of 1 ns, traced into {@code sink}. */
    private static Simulation ticker(org.winsim.sim.trace.TraceBuffer sink) {
        Simulation sim = new Simulation(FREE_SWITCH);
        sim.trace().addSink(sink);
        sim.spawn("ticker", () -> {
            for (int i = 0; i < 200_000; i++) {
                sim.sleep(1);
            }
        });
        return sim;
    }

    @Test
    void deadlockIsReportedWithEveryBlockedThread() {
        Simulation sim = new Simulation(FREE_SWITCH);
        Gate a = new Gate(sim);
        Gate b = new Gate(sim);
        sim.spawn("left", () -> {
            sim.sleep(5);
            a.await("event A", Simulation.INFINITE);
        });
        sim.spawn("right", () -> b.await("event B", Simulation.INFINITE));
        RunResult r = sim.run();
        Finding f = r.finding();
        assertEquals(FindingKind.DEADLOCK, f.kind());
        assertEquals(5, f.time());
        assertEquals(List.of("left#1 BLOCKED on event A since t=0.000000005s",
                "right#2 BLOCKED on event B since t=0.000000000s"), f.details());
    }

    @Test
    void backgroundEventsNeitherDelayADeadlockNorHoldTheRunButRunWhileItGoesOn() {
        Simulation sim = new Simulation(FREE_SWITCH);
        List<Long> ran = new java.util.ArrayList<>();
        sim.spawn("main", () -> {
            sim.scheduleBackground(3, () -> ran.add(sim.now()));
            sim.scheduleBackground(1_000, () -> ran.add(sim.now()));
            sim.sleep(5);
            new Gate(sim).await("nothing", Simulation.INFINITE);
        });
        RunResult r = sim.run();
        assertEquals(FindingKind.DEADLOCK, r.finding().kind());
        assertEquals(5, r.finding().time(), "found when only housekeeping was left, not at its time");
        assertEquals(List.of(3L), ran, "housekeeping before that ran in order");

        Simulation ends = new Simulation(FREE_SWITCH);
        ends.spawn("main", () -> ends.scheduleBackground(1_000, () -> ran.add(-1L)));
        assertEquals(null, ends.run().finding());
        assertEquals(List.of(3L), ran, "a run whose threads ended does not wait for housekeeping");
    }

    @Test
    void blockedDaemonThreadsDoNotHoldTheRun() {
        Simulation sim = new Simulation(FREE_SWITCH);
        sim.spawn("main", () -> {
            sim.spawn("listener", 0, true, () -> new Gate(sim).await("accept", Simulation.INFINITE));
            sim.sleep(10);
        });
        RunResult r = sim.run();
        assertNull(r.finding());
        assertEquals(10, r.endTime());
        assertEquals(ThreadState.BLOCKED, r.threads().get(1).state());
    }

    @Test
    void timeLimitStopsARunawayRun() {
        Simulation sim = new Simulation(FREE_SWITCH.withLimits(Durations.millis(1), 1_000_000));
        sim.spawn("forever", () -> {
            while (true) {
                sim.sleep(Durations.micros(300));
            }
        });
        RunResult r = sim.run();
        assertEquals(FindingKind.TIME_LIMIT, r.finding().kind());
        assertEquals(900_000, r.endTime());
        assertTrue(r.finding().message().contains("next event at 0.001200000s"), r.finding().message());
    }

    @Test
    void eventLimitStopsARunawayRun() {
        Simulation sim = new Simulation(FREE_SWITCH.withLimits(Durations.seconds(1000), 100));
        sim.spawn("spinner", () -> {
            while (true) {
                sim.consumeCpu(1);
            }
        });
        RunResult r = sim.run();
        assertEquals(FindingKind.EVENT_LIMIT, r.finding().kind());
        assertEquals(100, r.eventsFired());
    }

    @Test
    void callingKernelWaitsOutsideASimulatedThreadIsASimulatorMisuse() {
        Simulation sim = new Simulation();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sim.sleep(5));
        assertTrue(e.getMessage().contains("not in a simulated thread"));
    }

    @Test
    void aSimulationRunsOnce() {
        Simulation sim = new Simulation();
        sim.run();
        assertThrows(IllegalStateException.class, sim::run);
    }

    @Test
    void currentThreadIsTheRunningOne() {
        Simulation sim = new Simulation();
        SimThread[] seen = new SimThread[1];
        SimThread t = sim.spawn("me", () -> seen[0] = sim.currentThread());
        sim.run();
        assertSame(t, seen[0]);
        assertFalse(t.state() != ThreadState.DONE);
    }
}
