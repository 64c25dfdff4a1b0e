package org.winsim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderedEventsTest {
    /** Schedules the same events on lines and in the queue alone and returns the order each run fired them in. */
    private static List<String> fire(boolean onLines) {
        Simulation sim = new Simulation();
        var rnd = sim.random().stream("test");
        OrderedEvents[] lines = {sim.orderedEvents(), sim.orderedEvents()};
        long[] lineTime = new long[2];
        List<String> fired = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            int which = rnd.nextInt(3);
            String name = "e" + i + "@";
            Runnable a = () -> fired.add(name + sim.now());
            if (which == 2) {
                sim.schedule(rnd.nextInt(50), a);
            } else {
                // mostly in order, as a link's arrivals are, with an earlier one now and then (a fault's delay)
                long t = rnd.nextInt(10) == 0 ? lineTime[which] - rnd.nextInt(5) : lineTime[which] + rnd.nextInt(3);
                t = Math.max(0, t);
                lineTime[which] = Math.max(lineTime[which], t);
                if (onLines) {
                    lines[which].scheduleAt(t, a);
                } else {
                    sim.scheduleAt(t, a);
                }
            }
        }
        sim.run();
        return fired;
    }

    @Test
    void eventsOnLinesFireExactlyWhenAndInTheOrderTheQueueAloneFiresThem() {
        List<String> alone = fire(false);
        assertEquals(2_000, alone.size());
        assertEquals(alone, fire(true));
    }

    @Test
    void onlyTheFirstOfALineWaitsInTheQueueAndPendingEventsCountsTheRest() {
        Simulation sim = new Simulation();
        OrderedEvents line = sim.orderedEvents();
        List<Long> fired = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            line.scheduleAt(10 + i, () -> fired.add(sim.now()));
        }
        assertEquals(100, sim.pendingEvents());
        assertEquals(99, line.waiting());
        sim.schedule(50, () -> fired.add(-sim.now()));
        RunResult r = sim.run();
        assertEquals(101, fired.size());
        assertEquals(-50L, fired.get(41));
        assertEquals(109, r.endTime());
        assertEquals(0, sim.pendingEvents());
    }
}
