package org.winsim.scenarios.script;

import java.util.ArrayList;
import java.util.List;
import org.winsim.sim.Finding;
import org.winsim.sim.FindingKind;
import org.winsim.sim.RunResult;
import org.winsim.sim.Simulation;
import org.winsim.sim.SimulationConfig;
import org.winsim.sim.trace.TraceSink;
import org.winsim.winsock.api.UnsupportedOnThisOs;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.sim.net.Host;
import org.winsim.winsock.sim.OsProfile;
import org.winsim.winsock.sim.SimProcess;
import org.winsim.winsock.sim.SimWorld;

/** Runs a script on the simulator: one process on one host, the script on its main thread. */
public final class SimScriptRunner {
    private SimScriptRunner() {
    }

    /**
     * @param profileOverride the profile to use whatever the script says, or null for the script's (or windows)
     */
    public static ScriptReport run(Script script, OsProfile profileOverride, List<TraceSink> sinks) {
        OsProfile profile = profileOverride != null ? profileOverride
                : script.profile() != null ? OsProfile.named(script.profile()) : OsProfile.WINDOWS;
        long seed = script.seed() != null ? script.seed() : 1;
        SimWorld world = new SimWorld(SimulationConfig.DEFAULT.withSeed(seed), profile);
        if (!script.faults().isEmpty()) {
            script.faults().applyTo(world);
        }
        sinks.forEach(world.simulation().trace()::addSink);
        Host host = world.addHost("host", "10.0.0.1");
        Simulation sim = world.simulation();
        ScriptInterpreter[] interpreter = new ScriptInterpreter[1];
        SimProcess[] process = new SimProcess[1];
        process[0] = world.startProcess(host, "script", false, w -> {
            interpreter[0] = new ScriptInterpreter(script, new ScriptHost() {
                @Override
                public Win32 api() {
                    return w;
                }

                @Override
                public void sleep(long nanos) {
                    sim.sleep(nanos);
                }

                @Override
                public long peerOf(long s) {
                    return process[0].peerHandle(s);
                }

                @Override
                public void note(int line, String text) {
                    sim.trace("SCRIPT", "line", Integer.toString(line), "stmt", text);
                }
            });
            interpreter[0].run();
            return 0;
        });
        RunResult result = world.run();
        ScriptInterpreter in = interpreter[0];
        List<LineResult> lines = new ArrayList<>(in.results());
        Finding f = result.finding();
        if (f != null && f.cause() instanceof UnsupportedOnThisOs u) {
            return new ScriptReport(script.file(), "simulator", profile.name(), seed, lines, null, u.getMessage());
        }
        ScriptReport.Stop stopped = null;
        if (f != null || !in.finished()) {
            Script.Statement at = in.interrupted();
            String where = at == null ? "" : "line " + at.line() + " (" + at.text() + ") ";
            int line = at == null ? 0 : at.line();
            if (f != null && f.kind() == FindingKind.THREAD_FAILED) {
                stopped = new ScriptReport.Stop(ScriptReport.Stop.Kind.CRASHED, line, where + "crashed: winsim failed running it ("
                        + (f.cause() == null || f.cause().getMessage() == null ? "no detail" : f.cause().getMessage())
                        + "); this is winsim's bug, not the script's");
            } else {
                stopped = new ScriptReport.Stop(f == null ? ScriptReport.Stop.Kind.ENDED : ScriptReport.Stop.Kind.FINDING, line,
                        where + "did not finish: " + (f == null ? "the run ended" : f.describe()));
            }
        }
        return new ScriptReport(script.file(), "simulator", profile.name(), seed, lines, stopped, null);
    }
}
