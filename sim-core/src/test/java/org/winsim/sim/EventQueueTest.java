package org.winsim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventQueueTest {
    @Test
    void firesInTimeOrderAndSameTimeInSchedulingOrder() {
        Simulation sim = new Simulation();
        List<String> fired = new ArrayList<>();
        sim.schedule(30, () -> fired.add("c@" + sim.now()));
        sim.schedule(10, () -> fired.add("a@" + sim.now()));
        sim.schedule(20, () -> fired.add("b1@" + sim.now()));
        sim.schedule(20, () -> fired.add("b2@" + sim.now()));
        sim.schedule(20, () -> fired.add("b3@" + sim.now()));
        RunResult r = sim.run();
        assertEquals(List.of("a@10", "b1@20", "b2@20", "b3@20", "c@30"), fired);
        assertEquals(30, r.endTime());
        assertEquals(5, r.eventsFired());
        assertNull(r.finding());
    }

    @Test
    void cancelledEventsDoNotFireAndDoNotAdvanceTheClock() {
        Simulation sim = new Simulation();
        List<Long> fired = new ArrayList<>();
        sim.schedule(5, () -> fired.add(sim.now()));
        ScheduledEvent late = sim.schedule(1_000, () -> fired.add(sim.now()));
        late.cancel();
        RunResult r = sim.run();
        assertEquals(List.of(5L), fired);
        assertEquals(5, r.endTime());
    }

    @Test
    void eventsScheduledByEventsKeepOrder() {
        Simulation sim = new Simulation();
        List<String> fired = new ArrayList<>();
        sim.schedule(10, () -> {
            fired.add("first");
            sim.schedule(0, () -> fired.add("child-now"));
            sim.schedule(5, () -> fired.add("child-15"));
        });
        sim.schedule(10, () -> fired.add("second"));
        sim.schedule(15, () -> fired.add("other-15"));
        sim.run();
        assertEquals(List.of("first", "second", "child-now", "other-15", "child-15"), fired);
    }

    @Test
    void manyRandomEventsComeOutSorted() {
        Simulation sim = new Simulation();
        var rnd = sim.random().stream("test");
        long[] last = {-1, -1}; // time, scheduling index of the event fired last
        int[] count = {0};
        for (int i = 0; i < 10_000; i++) {
            int index = i;
            sim.schedule(rnd.nextInt(1000), () -> {
                if (sim.now() < last[0] || sim.now() == last[0] && index < last[1]) {
                    throw new AssertionError("out of order: #" + index + " at " + sim.now() + " after #" + last[1] + " at " + last[0]);
                }
                last[0] = sim.now();
                last[1] = index;
                count[0]++;
            });
        }
        RunResult r = sim.run();
        assertNull(r.finding());
        assertEquals(10_000, count[0]);
    }

    @Test
    void cancelledTimeoutsDoNotPileUpAndTheRestKeepsItsOrder() {
        Simulation sim = new Simulation();
        List<String> fired = new ArrayList<>();
        List<ScheduledEvent> timeouts = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            sim.schedule(5, () -> fired.add("live@" + sim.now())); // one live event per 10
            for (int j = 0; j < 9; j++) {
                timeouts.add(sim.schedule(1_000_000 + i, () -> fired.add("timeout")));
            }
            if (i == 9_999) {
                sim.schedule(7, () -> fired.add("last@" + sim.now()));
            }
        }
        for (ScheduledEvent t : timeouts) {
            t.cancel();
        }
        assertEquals(10_001, sim.pendingEvents(), "cancelled events leave the queue at once");
        timeouts.get(0).cancel(); // cancelling twice changes nothing
        sim.run();
        assertEquals(10_001, fired.size());
        assertEquals("last@7", fired.get(10_000));
        assertEquals(true, fired.subList(0, 10_000).stream().allMatch("live@5"::equals));
    }

    @Test
    void cancellingAnywhereInTheQueueKeepsTheOthersInOrder() {
        Simulation sim = new Simulation();
        var rnd = sim.random().stream("test");
        List<ScheduledEvent> scheduled = new ArrayList<>();
        List<long[]> expected = new ArrayList<>(); // {time, scheduling index} of the events left
        List<long[]> fired = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            long time = rnd.nextInt(500);
            int index = i;
            scheduled.add(sim.schedule(time, () -> fired.add(new long[] {sim.now(), index})));
            expected.add(new long[] {time, index});
        }
        for (int i = 0; i < 5_000; i++) {
            if (rnd.nextInt(3) == 0) { // a third, from every part of the heap
                scheduled.get(i).cancel();
                expected.set(i, null);
            }
        }
        expected.removeIf(e -> e == null);
        expected.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        assertEquals(expected.size(), sim.pendingEvents());
        sim.run();
        assertEquals(expected.size(), fired.size());
        for (int i = 0; i < fired.size(); i++) {
            assertEquals(expected.get(i)[0] + "#" + expected.get(i)[1], fired.get(i)[0] + "#" + fired.get(i)[1], "event " + i);
        }
    }

    @Test
    void eventsDueTogetherFireInSchedulingOrderWhateverTheirDelay() {
        // "far" is scheduled 2 ms ahead, "near" 0.5 ms ahead of the same time, later: both are due at 2 ms,
        // and the one scheduled first fires first.
        Simulation sim = new Simulation();
        List<String> fired = new ArrayList<>();
        sim.schedule(2_000_000, () -> fired.add("far@" + sim.now()));
        sim.schedule(1_500_000, () -> {
            fired.add("between@" + sim.now());
            sim.schedule(500_000, () -> fired.add("near@" + sim.now()));
        });
        ScheduledEvent cancelled = sim.schedule(2_000_000, () -> fired.add("cancelled"));
        cancelled.cancel();
        sim.run();
        assertEquals(List.of("between@1500000", "far@2000000", "near@2000000"), fired);
    }

    @Test
    void eventsScheduledAndCancelledByEventsFireInTimeThenSchedulingOrder() {
        // Events schedule more events from 0 to 3 ms ahead and cancel some pending ones; what fires is the
        // (time, scheduling order) order of what was left.
        Simulation sim = new Simulation();
        var rnd = sim.random().stream("test");
        List<ScheduledEvent> pending = new ArrayList<>();
        List<long[]> scheduled = new ArrayList<>(); // {time, scheduling index, cancelled 0/1}
        List<long[]> fired = new ArrayList<>();
        Runnable[] spawn = new Runnable[1];
        spawn[0] = () -> {
            for (int k = 0; k < 2 && scheduled.size() < 20_000; k++) {
                long delay = rnd.nextInt(4) == 0 ? rnd.nextInt(3_000_000) : rnd.nextInt(2_000);
                int index = scheduled.size();
                long[] entry = {sim.now() + delay, index, 0};
                scheduled.add(entry);
                pending.add(sim.schedule(delay, () -> {
                    fired.add(new long[] {sim.now(), index});
                    spawn[0].run();
                }));
            }
            if (rnd.nextInt(5) == 0 && !pending.isEmpty()) {
                ScheduledEvent victim = pending.get(rnd.nextInt(pending.size()));
                int at = pending.indexOf(victim);
                if (victim.time() > sim.now() && scheduled.get(at)[2] == 0) {
                    victim.cancel();
                    scheduled.get(at)[2] = 1;
                }
            }
        };
        sim.schedule(0, spawn[0]);
        assertNull(sim.run().finding());
        List<long[]> expected = new ArrayList<>(scheduled.stream().filter(e -> e[2] == 0).toList());
        expected.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        assertEquals(expected.size(), fired.size());
        for (int i = 0; i < fired.size(); i++) {
            assertEquals(expected.get(i)[0] + "#" + expected.get(i)[1], fired.get(i)[0] + "#" + fired.get(i)[1], "event " + i);
        }
    }
}
