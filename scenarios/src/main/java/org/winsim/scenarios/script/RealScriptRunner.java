package org.winsim.scenarios.script;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.winsim.realbackend.OsWin32;
import org.winsim.scenarios.HostOs;
import org.winsim.scenarios.RealOs;
import org.winsim.winsock.api.UnsupportedOnThisOs;
import org.winsim.winsock.api.Win32;

/**
 * Runs a script for real over loopback: on the host's sockets, or on Wine ({@link RealOs}), as a program
 * of its own there. A real blocking call cannot be seen to deadlock, so a
 * watchdog ends a script that runs longer than its limit: its sockets are closed and the line it was on
 * is reported as blocked. A call the host OS does not have skips the script, with the reason.
 */
public final class RealScriptRunner {
    /** How long a script may run on real sockets. */
    public static final Duration LIMIT = Duration.ofSeconds(30);

    private RealScriptRunner() {
    }

    /** Runs the script on the host's own sockets. */
    public static ScriptReport run(Script script, Duration limit) {
        try (HostOs os = new HostOs()) {
            return run(script, limit, os);
        }
    }

    public static ScriptReport run(Script script, Duration limit, RealOs os) {
        long seed = script.seed() != null ? script.seed() : 1;
        if (!script.faults().isEmpty()) {
            return new ScriptReport(script.file(), os.backend(), os.profile(), seed, List.of(), null,
                    "it injects faults ('faults " + script.faults() + "'), which only the simulator can");
        }
        OsWin32 w = os.newProcess();
        ScriptInterpreter in = new ScriptInterpreter(script, new ScriptHost() {
            @Override
            public Win32 api() {
                return w;
            }

            @Override
            public void sleep(long nanos) {
                try {
                    TimeUnit.NANOSECONDS.sleep(nanos);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public long peerOf(long s) {
                return w.peerHandle(s);
            }

            @Override
            public void note(int line, String text) {
                // no trace on real sockets
            }

            @Override
            public void readStatusBlock(org.winsim.winsock.api.WSAOVERLAPPED ov) {
                w.readStatusBlock(ov);
            }

            @Override
            public void writeStatusBlock(org.winsim.winsock.api.WSAOVERLAPPED ov) {
                w.writeStatusBlock(ov);
            }
        });
        AtomicReference<Throwable> died = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                in.run();
            } catch (Throwable e) {
                died.set(e);
            }
        }, "script " + script.file());
        t.setDaemon(true);
        t.start();
        ScriptReport.Stop stopped = null;
        String skipped = null;
        try {
            t.join(limit.toMillis());
            if (t.isAlive()) {
                in.abandon();
                Script.Statement at = in.interrupted();
                stopped = new ScriptReport.Stop(ScriptReport.Stop.Kind.BLOCKED, at == null ? 0 : at.line(),
                        (at == null ? "" : "line " + at.line() + " (" + at.text() + ") ")
                                + "did not finish within " + limit.toSeconds() + " s: blocked");
                w.closeAll();
                t.join(2000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            in.abandon();
            stopped = new ScriptReport.Stop(ScriptReport.Stop.Kind.ENDED, 0, "interrupted");
        } finally {
            w.closeAll();
        }
        Throwable e = died.get();
        if (e instanceof UnsupportedOnThisOs u) {
            skipped = u.getMessage();
        } else if (e != null && stopped == null) {
            Script.Statement at = in.interrupted();
            stopped = new ScriptReport.Stop(ScriptReport.Stop.Kind.CRASHED, at == null ? 0 : at.line(),
                    (at == null ? "" : "line " + at.line() + " (" + at.text() + ") ") + "crashed: winsim failed running it ("
                            + (e.getMessage() == null ? "no detail" : e.getMessage()) + "); this is winsim's bug, not the script's");
        }
        return new ScriptReport(script.file(), os.backend(), os.profile(), seed, in.results(), stopped, skipped);
    }
}
