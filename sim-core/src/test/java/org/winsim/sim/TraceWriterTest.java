package org.winsim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.winsim.sim.trace.JsonLinesTraceWriter;
import org.winsim.sim.trace.TextTraceWriter;

class TraceWriterTest {
    private static void program(Simulation sim) {
        sim.spawn("server", () -> sim.sleep(Durations.micros(12)));
    }

    @Test
    void textTraceShowsEverySchedulingStep() {
        Simulation sim = new Simulation(SimulationConfig.DEFAULT.withProcessors(1));
        StringWriter out = new StringWriter();
        sim.trace().addSink(new TextTraceWriter(out));
        program(sim);
        sim.run();
        assertEquals("""
                0.000000000 T1 server          SPAWN      stack=1048576 daemon=false by=kernel
                0.000000000 T1 server          DISPATCH   cpu=0 switch=yes
                0.000005000 T1 server          BLOCK      on=Sleep(12.0us) timeout=12.0us alertable=false
                0.000017000 T1 server          WAKE       reason=TIMEOUT by=kernel waited=12.0us
                0.000017000 T1 server          DISPATCH   cpu=0 switch=no
                0.000017000 T1 server          EXIT       cpu=0ns
                """, out.toString());
    }

    @Test
    void jsonLinesTraceHasFixedKeyOrder() throws Exception {
        Simulation sim = new Simulation(SimulationConfig.DEFAULT.withProcessors(1));
        StringWriter out = new StringWriter();
        sim.trace().addSink(new JsonLinesTraceWriter(out));
        program(sim);
        sim.run();
        String first = out.toString().lines().findFirst().orElseThrow();
        assertEquals("{\"seq\":0,\"t\":0,\"tid\":1,\"thread\":\"server\",\"kind\":\"SPAWN\",\"stack\":\"1048576\","
                + "\"daemon\":\"false\",\"by\":\"kernel\"}", first);
        assertEquals(6, out.toString().lines().count());
    }

    @Test
    void durationsFormatWithoutLocale() {
        assertEquals("0.000000001", Durations.stamp(1));
        assertEquals("12.345678901", Durations.stamp(12_345_678_901L));
        assertEquals("850ns", Durations.human(850));
        assertEquals("12.5us", Durations.human(12_500));
        assertEquals("3.200ms", Durations.human(3_200_000));
        assertEquals("1.250s", Durations.human(1_250_000_000));
    }
}
