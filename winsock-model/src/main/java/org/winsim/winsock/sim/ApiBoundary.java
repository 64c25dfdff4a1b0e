package org.winsim.winsock.sim;

import static org.winsim.winsock.api.Winsock.INVALID_SOCKET;

import java.util.function.Supplier;
import org.winsim.sim.Finding;
import org.winsim.sim.FindingKind;
import org.winsim.sim.SimThread;
import org.winsim.sim.Simulation;
import org.winsim.sim.ThreadExit;
import org.winsim.winsock.api.fd_set;

/**
 * The one place every API call of a simulated process passes: it traces the call and its return
 * (lazily — nothing is formatted while tracing is off), charges the call's CPU to the calling thread,
 * and turns a failure thrown by the model into the function's failure value plus the thread's last
 * error. Winsock calls fail with WSA codes and clear the last error when they succeed; kernel32 calls
 * fail with Win32 codes and leave it untouched when they succeed, as Windows does.
 */
final class ApiBoundary {
    /** A call's body: returns the function's value or throws a {@link WsaFailure} / {@link Win32Failure}. */
    @FunctionalInterface
    interface Body {
        long run();
    }

    /** How the trace shows a return value. */
    enum Ret { NUMBER, HANDLE }

    private static final String[] NO_OUTPUTS = new String[0];

    /** An argument value that leaves its name out of the CALL record (a field only some calls have, as {@code link}). */
    static final Object ABSENT = new Object();

    private final SimProcess process;
    private final Simulation sim;
    private final long callCost;

    ApiBoundary(SimProcess process) {
        this.process = process;
        this.sim = process.world.sim;
        this.callCost = process.world.profile.costs().callCostNanos();
    }

    /** The calling thread's Win32 state; a thread of another process calling here is a simulator bug. */
    Win32Thread thread() {
        SimThread t = sim.currentThread();
        if (!(t.attachment() instanceof Win32Thread w) || w.process != process) {
            throw new IllegalStateException(t + " is not a thread of process " + process.name);
        }
        return w;
    }

    /** A call returning a number; {@code args} are name/value pairs, formatted only when traced. */
    long call(String fn, long failValue, Body body, Object... args) {
        return call(fn, Ret.NUMBER, failValue, body, null, args);
    }

    /**
     * A call: traces it, charges its cost, runs it, maps a failure, and traces the return, with
     * {@code outputs} (name/value pairs read after the call, only when traced and it succeeded).
     */
    long call(String fn, Ret ret, long failValue, Body body, Supplier<String[]> outputs, Object... args) {
        Win32Thread th = thread();
        if (process.exited) {
            throw new ThreadExit("process " + process.name + " has exited");
        }
        long start = sim.now();
        process.apiCalls++;
        String outerLink = th.retLink; // a call inside another's body (a window procedure's) has its own
        th.retLink = null;
        if (sim.trace().enabled()) {
            sim.trace("CALL", fields(fn, args));
        }
        sim.consumeCpu(callCost);
        long result;
        String error = null;
        try {
            result = body.run();
            if (!isKernel32(fn)) {
                th.lastError = 0;
            }
        } catch (WsaFailure f) {
            if (f.error == org.winsim.winsock.api.WsaError.WSAEWOULDBLOCK) {
                process.wouldBlockFailures++;
            }
            error = f.error.name();
            th.lastError = f.error.code;
            result = failValue;
        } catch (Win32Failure f) {
            error = f.error.name();
            th.lastError = f.error.code;
            result = failValue;
        }
        if (process.exited) {
            throw new ThreadExit("process " + process.name + " has exited");
        }
        if (sim.trace().enabled()) {
            String[] extra = outputs == null || error != null ? NO_OUTPUTS : outputs.get();
            String[] f = new String[8 + extra.length + (th.retLink == null ? 0 : 2)];
            f[0] = "fn";
            f[1] = fn;
            f[2] = "ret";
            f[3] = ret == Ret.HANDLE ? handleText(result) : Long.toString(result);
            f[4] = "err";
            f[5] = error == null ? "0" : error;
            f[6] = "took";
            f[7] = Long.toString(sim.now() - start);
            System.arraycopy(extra, 0, f, 8, extra.length);
            if (th.retLink != null) {
                f[8 + extra.length] = "link";
                f[9 + extra.length] = th.retLink;
            }
            sim.trace("RET", f);
        }
        th.retLink = outerLink;
        return result;
    }

    /**
     * While tracing, names a link id (docs/architecture.md, "Trace records") the current call's RET carries:
     * the packet or message the call took, joined in the report to the record that queued it.
     */
    void linkRet(String id) {
        Win32Thread th = thread();
        th.retLink = th.retLink == null ? id : th.retLink + "," + id;
    }

    /** A kernel32 function: its success leaves the last error as it was. */
    private static boolean isKernel32(String fn) {
        return Character.isUpperCase(fn.charAt(0)) && !fn.startsWith("WSA");
    }

    /** The program broke a rule it cannot recover from: the run stops with a finding, and this thread ends. */
    ThreadExit programError(String message) {
        SimThread t = sim.currentThread();
        sim.fail(new Finding(FindingKind.PROGRAM_ERROR, sim.now(), t.name(), message, java.util.List.of(), null));
        throw new ThreadExit(message);
    }

    private static String[] fields(String fn, Object[] args) {
        if (args.length % 2 != 0) {
            throw new IllegalStateException(fn + ": trace arguments come in name/value pairs");
        }
        int absent = 0;
        for (int i = 1; i < args.length; i += 2) {
            absent += args[i] == ABSENT ? 2 : 0;
        }
        String[] f = new String[2 + args.length - absent];
        f[0] = "fn";
        f[1] = fn;
        int n = 2;
        for (int i = 0; i < args.length; i += 2) {
            if (args[i + 1] == ABSENT) {
                continue;
            }
            f[n] = String.valueOf(args[i]);
            f[n + 1] = TraceArgNames.name(f[n], args[i + 1]);
            if (f[n + 1] == null) {
                f[n + 1] = text(args[i + 1]);
            }
            n += 2;
        }
        return f;
    }

    /** The first {@code n} handles of an array, as the trace shows an array argument with a count ({@code {0x104,0x108}}). */
    record Handles(long[] handles, int n) {
    }

    /** An array argument of which the call reads {@code n} entries, formatted (only when traced) as just those. */
    static Object first(long[] handles, int n) {
        return handles == null ? null : new Handles(handles, n);
    }

    /** How an argument reads in the trace: handles in hex, sets as their handles, the rest as text. */
    static String text(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof org.winsim.winsock.api.timeval t) {
            return t.tv_sec + "s" + t.tv_usec + "us";
        }
        if (v instanceof Long h) {
            return handleText(h);
        }
        if (v instanceof fd_set set) {
            return setText(set);
        }
        if (v instanceof org.winsim.winsock.api.WSAOVERLAPPED ov) { // by its event, never by its (run-dependent) identity
            return "{hEvent=0x" + Long.toHexString(ov.hEvent) + "}";
        }
        if (v instanceof long[] handles) {
            return text(new Handles(handles, handles.length));
        }
        if (v instanceof Handles h) {
            StringBuilder b = new StringBuilder("{");
            for (int i = 0; i < Math.min(Math.max(h.n(), 0), h.handles().length); i++) {
                b.append(i == 0 ? "" : ",").append(handleText(h.handles()[i]));
            }
            return b.append('}').toString();
        }
        return String.valueOf(v);
    }

    static String handleText(long h) {
        return h == INVALID_SOCKET ? "INVALID_SOCKET" : "0x" + Long.toHexString(h);
    }

    static String setText(fd_set set) {
        if (set == null) {
            return "NULL";
        }
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < set.fd_count; i++) {
            b.append(i == 0 ? "" : ",").append(handleText(set.fd_array[i]));
        }
        return b.append('}').toString();
    }
}
