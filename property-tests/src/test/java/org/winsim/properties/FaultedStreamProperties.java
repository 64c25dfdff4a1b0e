package org.winsim.properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.winsim.sim.Durations;
import org.winsim.winsock.sim.FaultPlan;

/**
 * Stream integrity with faults on: over generated transfers (blocking and non-blocking, both profiles,
 * loopback and links) and generated plans of the faults TCP hides — loss with retransmission, delay,
 * jitter, a partition that heals, random scheduling, CPU jitter — each side still receives exactly the
 * other's bytes, in order, nothing lost or duplicated; and a plan replays to the same trace.
 */
class FaultedStreamProperties {
    /** A plan of hideable faults drawn from the case's seed. */
    static FaultPlan hideable(long seed) {
        SplittableRandom r = new SplittableRandom(seed ^ 0xfa17L);
        List<FaultPlan.Fault> f = new ArrayList<>();
        if (r.nextBoolean()) {
            f.add(new FaultPlan.Loss(r.nextInt(1, 20) / 100.0, Durations.millis(r.nextInt(50, 400))));
        }
        if (r.nextInt(3) == 0) {
            f.add(new FaultPlan.Delay(Durations.micros(r.nextInt(1, 2000))));
        }
        if (r.nextInt(3) == 0) {
            f.add(new FaultPlan.Jitter(Durations.micros(r.nextInt(1, 2000))));
        }
        if (r.nextInt(4) == 0) {
            f.add(new FaultPlan.Partition(Durations.millis(r.nextInt(0, 50)), Durations.millis(r.nextInt(1, 500))));
        }
        if (r.nextBoolean()) {
            f.add(new FaultPlan.RandomSchedule());
        }
        if (r.nextInt(3) == 0) {
            f.add(new FaultPlan.CpuJitter(r.nextInt(1, 90) / 100.0));
        }
        return new FaultPlan(f);
    }

    @TestFactory
    Stream<DynamicTest> everyByteArrivesOnceInOrderDespiteHiddenFaults() {
        return GeneratedCases.cases("faulted stream integrity", 150, seed -> () -> {
            TransferCase c = new TransferCase(seed, hideable(seed));
            TransferCase.Outcome o = c.run();
            String where = " [" + c + "]";
            assertNull(o.result().finding(), () -> o.result().finding().describe() + where);
            assertNull(o.problem(), () -> o.problem() + where);
            assertArrayEquals(new long[] {c.total[1], c.total[0]}, o.received(), "bytes received by client/server" + where);
        });
    }

    @TestFactory
    Stream<DynamicTest> aPlanReplaysToTheSameTrace() {
        return GeneratedCases.cases("faulted determinism", 20, seed -> () -> {
            FaultPlan plan = FaultPlan.parse(hideable(seed).toString());
            assertEquals(hideable(seed), plan, "the plan's text parses back to the plan");
            TransferCase.Outcome first = new TransferCase(seed, plan).run();
            TransferCase.Outcome second = new TransferCase(seed, plan).run();
            assertEquals(first.digest(), second.digest());
        });
    }
}
