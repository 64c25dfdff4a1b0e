package org.winsim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.StringWriter;
import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.winsim.sim.trace.TextTraceWriter;
import org.winsim.sim.trace.TraceDigest;

class DeterminismTest {
    /** A small program whose schedule depends on random numbers: producers, consumers, sleeps and CPU. */
    private static String run(long seed, StringWriter text) {
        Simulation sim = new Simulation(SimulationConfig.DEFAULT.withSeed(seed));
        TraceDigest digest = new TraceDigest();
        sim.trace().addSink(digest);
        if (text != null) {
            sim.trace().addSink(new TextTraceWriter(text));
        }
        Gate items = new Gate(sim);
        int[] queue = {0};
        RandomGenerator rnd = sim.random().stream("workload");
        for (int p = 0; p < 3; p++) {
            sim.spawn("producer-" + p, () -> {
                for (int i = 0; i < 20; i++) {
                    sim.sleep(1 + rnd.nextInt(1000));
                    sim.consumeCpu(rnd.nextInt(500));
                    queue[0]++;
                    items.post();
                }
            });
        }
        for (int c = 0; c < 2; c++) {
            sim.spawn("consumer-" + c, 0, true, () -> {
                while (true) {
                    while (queue[0] == 0) {
                        items.await("items", Simulation.INFINITE);
                    }
                    queue[0]--;
                    sim.consumeCpu(100 + rnd.nextInt(300));
                }
            });
        }
        sim.run();
        return digest.hex();
    }

    @Test
    void sameSeedGivesAByteIdenticalTrace() {
        StringWriter a = new StringWriter();
        StringWriter b = new StringWriter();
        assertEquals(run(42, a), run(42, b));
        assertEquals(a.toString(), b.toString());
    }

    @Test
    void differentSeedsGiveDifferentTraces() {
        assertNotEquals(run(42, null), run(43, null));
    }

    @Test
    void namedStreamsAreIndependentOfEachOther() {
        RandomStreams first = new RandomStreams(7);
        double[] alone = {first.stream("net.loss").nextDouble(), first.stream("net.loss").nextDouble()};
        RandomStreams second = new RandomStreams(7);
        second.stream("cpu.jitter").nextDouble();
        second.stream("cpu.jitter").nextDouble();
        double[] withOther = {second.stream("net.loss").nextDouble(), second.stream("net.loss").nextDouble()};
        assertEquals(alone[0], withOther[0]);
        assertEquals(alone[1], withOther[1]);
        assertNotEquals(first.stream("a").nextLong(), first.stream("b").nextLong());
    }
}
