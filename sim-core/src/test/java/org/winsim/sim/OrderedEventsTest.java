package org.winsim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderedEventsTest {
    /**
     * Schedules the same events on lines and in the queue alone and returns the order each run fired them
     * in; with {@code cancelling}, a quarter are cancelled before the run and some events cancel a later one
     * when they fire (the same ones in both runs).
     */
    private static List<String> fire(boolean onLines, boolean cancelling) {
        Simulation sim = new Simulation();
        var rnd = sim.random().stream("test");
        OrderedEvents[] lines = {sim.orderedEvents(), sim.orderedEvents()};
        long[] lineTime = new long[2];
        List<String> fired = new ArrayList<>();
        List<ScheduledEvent> events = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            int which = rnd.nextInt(3);
            String name = "e" + i + "@";
            int victim = cancelling && rnd.nextInt(4) == 0 ? rnd.nextInt(2_000) : -1;
            Runnable a = () -> {
                fired.add(name + sim.now());
                if (victim >= 0 && victim < events.size()) {
                    events.get(victim).cancel(); // fired already, cancelled already or still to come
                }
            };
            if (which == 2) {
                events.add(sim.schedule(rnd.nextInt(50), a));
            } else {
                // mostly in order, as a link's arrivals are, with an earlier one now and then (a fault's delay)
                long t = rnd.nextInt(10) == 0 ? lineTime[which] - rnd.nextInt(5) : lineTime[which] + rnd.nextInt(3);
                t = Math.max(0, t);
                lineTime[which] = Math.max(lineTime[which], t);
                events.add(onLines ? lines[which].scheduleAt(t, a) : sim.scheduleAt(t, a));
            }
        }
        if (cancelling) {
            for (ScheduledEvent e : events) {
                if (rnd.nextInt(4) == 0) {
                    e.cancel();
                }
            }
        }
        sim.run();
        return fired;
    }

    @Test
    void eventsOnLinesFireExactlyWhenAndInTheOrderTheQueueAloneFiresThem() {
        List<String> alone = fire(false, false);
        assertEquals(2_000, alone.size());
        assertEquals(alone, fire(true, false));
    }

    @Test
    void cancelledEventsOnLinesLeaveTheRestFiringAsTheQueueAloneFiresThem() {
        List<String> alone = fire(false, true);
        assertEquals(true, alone.size() < 1_600 && alone.size() > 1_000, "a quarter and more cancelled: " + alone.size());
        assertEquals(alone, fire(true, true));
    }

    @Test
    void aCancelledFirstGivesItsPlaceToTheNextLiveOne() {
        Simulation sim = new Simulation();
        OrderedEvents line = sim.orderedEvents();
        List<Long> fired = new ArrayList<>();
        List<ScheduledEvent> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(line.scheduleAt(10 + i, () -> fired.add(sim.now())));
        }
        events.get(1).cancel();
        events.get(2).cancel();
        assertEquals(2, line.waiting(), "the cancelled ones behind the first left the count");
        events.get(0).cancel();
        events.get(0).cancel();
        assertEquals(2, sim.pendingEvents(), "the first left the queue, and 13 took its place");
        assertEquals(1, line.waiting());
        sim.run();
        assertEquals(List.of(13L, 14L), fired);
        assertEquals(0, sim.pendingEvents());
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

    @Test
    void aLineOfMostlyCancelledTimersHoldsFewMoreEntriesThanLiveOnes() {
        // 10,000 timers set one after another and all but every tenth cancelled (as delayed ACKs are, by the
        // reply that carries the ACK): the line keeps at most twice its live ones (and 64) in its deque.
        Simulation sim = new Simulation();
        OrderedEvents line = sim.orderedEvents();
        List<Long> fired = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ScheduledEvent e = line.scheduleAt(1_000 + i, () -> fired.add(sim.now()));
            if (i % 10 != 0 && i > 0) {
                e.cancel();
            }
            assertEquals(true, line.held() <= 2 * line.waiting() + 64, "held " + line.held() + " for " + line.waiting() + " live");
        }
        assertEquals(999, line.waiting());
        sim.run();
        assertEquals(1_000, fired.size());
        assertEquals(List.of(1_000L, 1_010L, 1_020L), fired.subList(0, 3));
        assertEquals(10_990L, fired.get(999));
    }
}
