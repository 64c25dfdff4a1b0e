package org.winsim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DispatcherTest {
    private static final SimulationConfig ONE_CPU = SimulationConfig.DEFAULT.withProcessors(1).withContextSwitchNanos(0);

    @Test
    void aSignalIsTakenAtSignalTimeNotStolenByALaterWaiter() {
        Simulation sim = new Simulation(ONE_CPU);
        Gate gate = new Gate(sim);
        List<String> log = new ArrayList<>();
        for (String n : List.of("w1", "w2")) {
            sim.spawn(n, () -> log.add(n + " " + gate.await(n, Durations.millis(5)) + "@" + sim.now()));
        }
        sim.spawn("signaller", () -> {
            sim.sleep(1);
            log.add("released " + gate.post());
            // w1 is ready but has not run: a poll now must not find the permit w1 was given
            log.add("poll " + gate.await("poll", 0));
        });
        assertNull(sim.run().finding());
        assertEquals(List.of("released 1", "poll -1", "w1 0@1", "w2 -1@5000000"), log);
    }

    @Test
    void waitAllTakesEveryObjectOrNone() {
        Simulation sim = new Simulation(ONE_CPU);
        Gate a = new Gate(sim);
        Gate b = new Gate(sim);
        List<String> log = new ArrayList<>();
        sim.spawn("all", () -> log.add("all " + Dispatcher.waitAll(sim, new DispatcherObject[] {a, b}, 2,
                Simulation.INFINITE, false, "a+b") + "@" + sim.now()));
        sim.spawn("any-a", () -> {
            sim.sleep(10);
            log.add("any-a " + a.await("a", 0)); // a alone is signalled: the wait-all did not take it
        });
        sim.spawn("signaller", () -> {
            sim.sleep(5);
            a.post();
            a.post();
            sim.sleep(10);
            b.post();
            log.add("a left " + a.await("a", 0) + ", b left " + b.await("b", 0));
        });
        assertNull(sim.run().finding());
        assertEquals(List.of("any-a 0", "a left -1, b left -1", "all 0@15"), log);
    }

    @Test
    void waitAnyReturnsTheLowestSignalledIndex() {
        Simulation sim = new Simulation(ONE_CPU);
        Gate[] g = {new Gate(sim), new Gate(sim), new Gate(sim)};
        int[] r = new int[1];
        sim.spawn("w", () -> {
            g[2].post();
            g[1].post();
            r[0] = Dispatcher.waitAny(sim, g, 3, 0, false, "any");
        });
        sim.run();
        assertEquals(1, r[0]);
    }

    @Test
    void aLifoObjectReleasesTheMostRecentWaiterFirst() {
        Simulation sim = new Simulation(ONE_CPU);
        Gate lifo = new Gate(sim) {
            @Override
            protected boolean releasesLifo() {
                return true;
            }
        };
        List<String> log = new ArrayList<>();
        for (String n : List.of("first", "second", "third")) {
            sim.spawn(n, 0, true, () -> {
                lifo.await(n, Simulation.INFINITE);
                log.add(n);
            });
        }
        sim.spawn("poster", () -> {
            sim.sleep(1);
            lifo.post();
            lifo.post();
            sim.sleep(1); // the released daemons run before the run ends
        });
        sim.run();
        assertEquals(List.of("third", "second"), log);
    }

    @Test
    void theStateListenerSeesEveryBlockWakeAndTheEnd() {
        Simulation sim = new Simulation(ONE_CPU);
        Gate gate = new Gate(sim);
        List<String> log = new ArrayList<>();
        SimThread w = sim.spawn("w", () -> {
            gate.await("gate", Simulation.INFINITE);
            sim.sleep(3);
        });
        w.setStateListener(new ThreadStateListener() {
            @Override
            public void onBlocked(SimThread t, Object on) {
                log.add("blocked on " + on + "@" + sim.now());
            }

            @Override
            public void onWoken(SimThread t) {
                log.add("woken@" + sim.now());
            }

            @Override
            public void onExited(SimThread t) {
                log.add("exited " + t.state() + "@" + sim.now());
            }
        });
        sim.spawn("s", () -> {
            sim.sleep(2);
            gate.post();
        });
        sim.run();
        assertEquals(List.of("blocked on gate@0", "woken@2", "blocked on Sleep(0.003us)@2", "woken@5", "exited DONE@5"), log);
    }
}
