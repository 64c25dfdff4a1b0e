package org.winsim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.winsim.sim.trace.JsonLinesTraceWriter;
import org.winsim.sim.trace.TextTraceWriter;
import org.winsim.sim.trace.TraceFormat;

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
        assertEquals(TraceFormat.LEGEND + "\n" + """
                       0.000 T1 server                SPAWN      stack=1048576 daemon=false by=kernel
                       0.000 T1 server                DISPATCH   cpu=0 switch=yes
                       5.000 T1 server                BLOCK      on=Sleep(12.000us) timeout=12.000 alertable=false
                      17.000 T1 server                WAKE       reason=TIMEOUT by=kernel waited=12.000
                      17.000 T1 server                DISPATCH   cpu=0 switch=no
                      17.000 T1 server                EXIT       cputime=0.000
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
    void unfinishedThreadsAreNamedAtTheEndOfTheRun() {
        Simulation sim = new Simulation(SimulationConfig.DEFAULT.withProcessors(1));
        StringWriter out = new StringWriter();
        sim.trace().addSink(new TextTraceWriter(out));
        sim.spawn("server", 0, true, () -> sim.sleep(Durations.seconds(5)));
        sim.spawn("client", () -> sim.sleep(Durations.micros(3)));
        sim.run();
        List<String> lines = out.toString().lines().toList();
        assertEquals("      13.000 T1 server                UNFINISHED state=BLOCKED on=Sleep(5000000.000us) since=5.000",
                lines.get(lines.size() - 1));
    }

    @Test
    void durationsFormatWithoutLocale() {
        assertEquals("0.000000001", Durations.stamp(1));
        assertEquals("12.345678901", Durations.stamp(12_345_678_901L));
        assertEquals("850ns", Durations.human(850));
        assertEquals("12.5us", Durations.human(12_500));
        assertEquals("3.200ms", Durations.human(3_200_000));
        assertEquals("1.250s", Durations.human(1_250_000_000));
        assertEquals("45.096", Durations.micro(45_096));
        assertEquals("0.005", Durations.micro(5));
        assertEquals("1000000.000", Durations.micro(1_000_000_000));
        assertEquals("-0.005", Durations.micro(-5));
    }
}
