package org.winsim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.winsim.sim.trace.TraceBuffer;
import org.winsim.sim.trace.TraceRecord;

class CpuModelTest {
    private static RunResult twoBusyThreads(int processors, long switchCost) {
        Simulation sim = new Simulation(SimulationConfig.DEFAULT.withProcessors(processors).withContextSwitchNanos(switchCost));
        for (String n : List.of("busy-1", "busy-2")) {
            sim.spawn(n, () -> sim.consumeCpu(Durations.millis(100)));
        }
        return sim.run();
    }

    @Test
    void twoBusyThreadsTakeTwiceAsLongOnOneProcessorAsOnTwo() {
        RunResult one = twoBusyThreads(1, 0);
        RunResult two = twoBusyThreads(2, 0);
        assertEquals(Durations.millis(200), one.endTime());
        assertEquals(Durations.millis(100), two.endTime());
        for (ThreadStats t : one.threads()) {
            assertEquals(Durations.millis(100), t.cpuNanos());
        }
    }

    @Test
    void contextSwitchesCostTimeAndAreCounted() {
        // One processor, 30 ms quantum: busy-1 runs 0-30, busy-2 30-60, ... each 100 ms job is cut into 30+30+30+10.
        RunResult r = twoBusyThreads(1, Durations.micros(5));
        // Dispatches that switch: b1, b2, b1, b2, b1, b2, b1, b2 = 8 switches of 5 us each.
        assertEquals(8, r.contextSwitches());
        assertEquals(Durations.millis(200) + 8 * Durations.micros(5), r.endTime());
    }

    @Test
    void eachMachineRunsItsOwnThreadsOnItsOwnProcessors() {
        // One processor on each of two machines: four busy threads on "clients" do not delay the one on "server".
        Simulation sim = new Simulation(SimulationConfig.DEFAULT.withProcessors(1).withContextSwitchNanos(0));
        Machine server = sim.newMachine("server", 1);
        Machine clients = sim.newMachine("clients", 1);
        long[] serverDone = new long[1];
        for (int i = 0; i < 4; i++) {
            sim.spawn("client-" + i, clients, sim.stackSpace(), 0, false, () -> sim.consumeCpu(Durations.millis(100)));
        }
        SimThread s = sim.spawn("server", server, sim.stackSpace(), 0, false, () -> {
            sim.consumeCpu(Durations.millis(10));
            serverDone[0] = sim.now();
        });
        RunResult r = sim.run();
        assertEquals(Durations.millis(10), serverDone[0], "the server's thread never waited for a client's processor");
        assertEquals(Durations.millis(400), r.endTime(), "the four clients share their one processor");
        assertEquals(server, s.machine());
        assertEquals(1, server.processors());
    }

    @Test
    void cpuBilledForLaterIsPaidWithTheNextChargeInOneStep() {
        // A call's copy cost is billed for later: the call returns at once, and the next charge pays both
        // in one resumption (a second thread keeps an event due meanwhile, so each charge is a real yield).
        Simulation sim = new Simulation(SimulationConfig.DEFAULT.withContextSwitchNanos(0).withProcessors(2));
        long[] at = new long[3];
        sim.spawn("other", () -> sim.sleep(Durations.micros(1)));
        SimThread t = sim.spawn("caller", () -> {
            sim.consumeCpuLater(Durations.micros(3));
            at[0] = sim.now();
            sim.consumeCpu(Durations.micros(2));
            at[1] = sim.now();
            sim.consumeCpu(Durations.micros(2));
            at[2] = sim.now();
        });
        RunResult r = sim.run();
        assertEquals(0, at[0], "billing for later takes no time at once");
        assertEquals(Durations.micros(5), at[1], "the next charge pays what was owed with its own");
        assertEquals(Durations.micros(7), at[2], "and owes nothing after");
        assertEquals(Durations.micros(7), t.cpuNanos());
        assertEquals(2 + 1 + 1 + 2, r.eventsFired(), "two dispatches, the sleep's wake-up, its dispatch, and one event a charge");
    }

    @Test
    void cpuOwedIsPaidBeforeTheThreadSleepsOrEnds() {
        Simulation sim = new Simulation(SimulationConfig.DEFAULT.withContextSwitchNanos(0));
        long[] wokeAt = new long[1];
        SimThread sleeper = sim.spawn("sleeper", () -> {
            sim.consumeCpuLater(Durations.micros(4));
            sim.sleep(Durations.micros(10));
            wokeAt[0] = sim.now();
            sim.consumeCpuLater(Durations.micros(6));
        });
        sim.run();
        assertEquals(Durations.micros(14), wokeAt[0], "it computed 4 us, then slept its 10 us");
        assertEquals(Durations.micros(20), sleeper.exitTime(), "the 6 us owed at the end are spent before it ends");
        assertEquals(Durations.micros(10), sleeper.cpuNanos());
    }

    @Test
    void aSignalWhileAWaiterPaysWhatItOwesIsSeenByItsWait() {
        // The waiter owes 10 us when it waits; the permit is posted at 5 us, while it pays: its wait, which
        // looks at the gate only once it has paid, takes the permit at 10 us (found by review: paid inside
        // park, after the wait had linked, the permit went to nobody and the waiter timed out).
        Simulation sim = new Simulation(SimulationConfig.DEFAULT.withProcessors(2).withContextSwitchNanos(0));
        Gate gate = new Gate(sim);
        List<String> log = new ArrayList<>();
        sim.spawn("waiter", () -> {
            sim.consumeCpuLater(Durations.micros(10));
            int r = gate.await("gate", Durations.millis(5));
            log.add("waiter " + r + "@" + sim.now());
        });
        sim.spawn("signaller", () -> {
            sim.sleep(Durations.micros(5));
            log.add("posted " + gate.post());
        });
        sim.run();
        assertEquals(List.of("posted 0", "waiter 0@10000"), log);
    }

    @Test
    void aThreadThatWouldParkOrWaitAlertablyOwingCpuIsASimulatorBug() {
        // Paid there, an alert would find the thread running and be lost: whoever parks, or whoever looks at a
        // thread's APCs before an alertable wait, pays first.
        for (boolean alertableWait : new boolean[] {false, true}) {
            Simulation sim = new Simulation(SimulationConfig.DEFAULT.withContextSwitchNanos(0));
            Gate gate = new Gate(sim);
            SimThread t = sim.spawn("owes", () -> {
                sim.consumeCpuLater(Durations.micros(1));
                if (alertableWait) {
                    Dispatcher.waitOne(sim, gate, Durations.millis(1), true, "gate");
                } else {
                    sim.park("nothing", Durations.millis(1), false);
                }
            });
            RunResult r = sim.run();
            assertEquals(FindingKind.THREAD_FAILED, r.finding().kind());
            assertTrue(t.failure() instanceof IllegalStateException, String.valueOf(t.failure()));
            assertTrue(t.failure().getMessage().contains("owing 1000 ns of CPU"), t.failure().getMessage());
        }
    }

    @Test
    void aSliceThatNothingInterruptsIsCountedAsTheEventItWouldHaveBeen() {
        // A lone thread charging 100 slices of 1 us: they need no yield (nothing else is due meanwhile),
        // yet the clock, the count of events and the trace are those of 100 resumption events.
        Simulation sim = new Simulation(SimulationConfig.DEFAULT.withContextSwitchNanos(0));
        sim.spawn("alone", () -> {
            for (int i = 0; i < 100; i++) {
                sim.consumeCpu(Durations.micros(1));
            }
        });
        RunResult r = sim.run();
        assertEquals(Durations.micros(100), r.endTime());
        assertEquals(101, r.eventsFired(), "its dispatch and 100 slices");
    }

    @Test
    void anEventDueInsideASliceFiresBeforeTheSliceEnds() {
        Simulation sim = new Simulation(SimulationConfig.DEFAULT.withContextSwitchNanos(0));
        List<String> order = new ArrayList<>();
        sim.spawn("computing", () -> {
            sim.schedule(Durations.micros(5), () -> order.add("event@" + Durations.human(sim.now())));
            sim.consumeCpu(Durations.micros(10));
            order.add("slice ended@" + Durations.human(sim.now()));
            sim.schedule(Durations.micros(3), () -> order.add("second event@" + Durations.human(sim.now())));
            sim.consumeCpu(Durations.micros(3)); // due at the slice's very end: the earlier-scheduled event goes first
            order.add("second slice ended@" + Durations.human(sim.now()));
        });
        sim.run();
        assertEquals(List.of("event@5.0us", "slice ended@10.0us", "second event@13.0us", "second slice ended@13.0us"),
                order);
    }

    @Test
    void kernelEventsInsideASliceFireInKernelContextAndKeepTheOrderOfScheduling() {
        // The event at 4 us schedules one at the slice's end (10 us): scheduled after the slice's
        // resumption was, it fires after the slice ends; the one scheduled before the slice fires before.
        Simulation sim = new Simulation(SimulationConfig.DEFAULT.withContextSwitchNanos(0));
        List<String> order = new ArrayList<>();
        sim.spawn("computing", () -> {
            sim.schedule(Durations.micros(10), () -> order.add("scheduled before the slice@" + Durations.human(sim.now())));
            sim.schedule(Durations.micros(4), () -> {
                order.add("event@" + Durations.human(sim.now()) + " in " + (sim.currentThreadOrNull() == null ? "kernel" : "a thread"));
                sim.schedule(Durations.micros(6), () -> order.add("scheduled inside the slice@" + Durations.human(sim.now())));
            });
            sim.consumeCpu(Durations.micros(10));
            order.add("slice ended@" + Durations.human(sim.now()) + " in " + sim.currentThread().name());
            sim.consumeCpu(Durations.micros(1));
        });
        RunResult r = sim.run();
        assertEquals(List.of("event@4.0us in kernel", "scheduled before the slice@10.0us", "slice ended@10.0us in computing",
                "scheduled inside the slice@10.0us"), order);
        assertEquals(6, r.eventsFired(), "dispatch, three events, two slices");
    }

    @Test
    void aKernelEventThatThrowsInsideASliceFailsTheRunNotTheThread() {
        // winsim's own failure: it leaves the kernel loop, never reaching the program's code to be caught there.
        Simulation sim = new Simulation(SimulationConfig.DEFAULT.withContextSwitchNanos(0));
        List<String> caught = new ArrayList<>();
        sim.spawn("computing", () -> {
            sim.schedule(Durations.micros(1), () -> {
                throw new IllegalStateException("kernel bug");
            });
            try {
                sim.consumeCpu(Durations.micros(10));
            } catch (RuntimeException e) {
                caught.add(e.getMessage());
            }
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, sim::run);
        assertEquals("kernel bug", e.getMessage());
        assertEquals(List.of(), caught);
    }

    @Test
    void aThreadYieldsAtTheEndOfItsQuantumOnlyWhenAnotherIsReady() {
        Simulation sim = new Simulation(SimulationConfig.DEFAULT.withProcessors(1).withContextSwitchNanos(0));
        TraceBuffer buf = new TraceBuffer();
        sim.trace().addSink(buf);
        sim.spawn("alone", () -> sim.consumeCpu(Durations.millis(100)));
        sim.run();
        assertTrue(buf.records().stream().noneMatch(r -> r.kind().equals("PREEMPT")));
    }

    @Test
    void computingThreadsInterleaveByQuantum() {
        Simulation sim = new Simulation(SimulationConfig.DEFAULT.withProcessors(1).withContextSwitchNanos(0)
                .withQuantumNanos(Durations.millis(10)));
        List<String> done = new ArrayList<>();
        sim.spawn("long", () -> {
            sim.consumeCpu(Durations.millis(50));
            done.add("long@" + Durations.human(sim.now()));
        });
        sim.spawn("short", () -> {
            sim.consumeCpu(Durations.millis(10));
            done.add("short@" + Durations.human(sim.now()));
        });
        sim.run();
        assertEquals(List.of("short@20.000ms", "long@60.000ms"), done);
    }

    @Test
    void aWokenThreadWaitsForAFreeProcessor() {
        Simulation sim = new Simulation(SimulationConfig.DEFAULT.withProcessors(1).withContextSwitchNanos(0));
        Gate cond = new Gate(sim);
        long[] wokeAt = new long[1];
        sim.spawn("waiter", () -> {
            cond.await("cond", Simulation.INFINITE);
            wokeAt[0] = sim.now();
        });
        sim.spawn("worker", () -> {
            cond.post();
            sim.consumeCpu(Durations.millis(5)); // holds the only processor; the quantum is 30 ms
        });
        sim.run();
        assertEquals(Durations.millis(5), wokeAt[0]);
    }

    @Test
    void threadCreationFailsCleanlyWhenStackSpaceIsSpent() {
        Simulation sim = new Simulation(SimulationConfig.DEFAULT.withStackBudget(4L << 20, 1L << 20));
        List<String> log = new ArrayList<>();
        sim.spawn("main", () -> {
            Gate park = new Gate(sim);
            List<SimThread> workers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                workers.add(sim.spawn("w" + i, 0, false, () -> park.await("go", Simulation.INFINITE)));
            }
            OutOfSimulatedMemoryException e = assertThrows(OutOfSimulatedMemoryException.class,
                    () -> sim.spawn("one-too-many", () -> { }));
            log.add(e.getMessage());
            sim.sleep(1000); // let every worker reach its wait
            assertEquals(3, park.open());
            for (SimThread w : workers) {
                sim.join(w, Simulation.INFINITE);
            }
            log.add("after exits: " + sim.spawn("fits-again", () -> { }).name());
        });
        RunResult r = sim.run();
        assertNull(r.finding());
        assertEquals(List.of("no room for a 1048576-byte stack for thread 'one-too-many': 4194304 of 4194304 bytes"
                + " of thread stacks are reserved", "after exits: fits-again"), log);
        assertEquals(4L << 20, r.peakStackBytes());
        assertEquals(4, r.peakLiveThreads());
    }

    @Test
    void dispatchRecordsNameTheProcessor() {
        Simulation sim = new Simulation(SimulationConfig.DEFAULT.withProcessors(2));
        TraceBuffer buf = new TraceBuffer();
        sim.trace().addSink(buf);
        sim.spawn("a", () -> { });
        sim.spawn("b", () -> { });
        sim.run();
        List<String> dispatches = buf.records().stream().filter(r -> r.kind().equals("DISPATCH"))
                .map(r -> r.thread() + ":" + r.field("cpu")).toList();
        assertEquals(List.of("a:0", "b:1"), dispatches);
        TraceRecord exit = buf.records().get(buf.records().size() - 1);
        assertEquals("EXIT", exit.kind());
    }
}
