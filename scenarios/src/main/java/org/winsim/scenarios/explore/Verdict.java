package org.winsim.scenarios.explore;

import java.util.List;
import org.winsim.scenarios.RunReport;
import org.winsim.winsock.sim.FaultPlan;

/**
 * Whether a run kept the exploration's property, and if not, why: no finding (deadlock, a thread's
 * exception, a program error, a limit), no wrong byte, and every byte echoed — except that a fault TCP
 * cannot hide (a reset connection, a thread that could not be created) may cost the bytes of what it hit
 * (and what follows from them), as long as the program reports it with the error Windows gives
 * (WSAECONNRESET, WSAECONNABORTED, a failed CreateThread) and no byte it did receive is wrong.
 *
 * @param signature the first failure with its numbers masked: shrinking keeps a case only while it
 *     fails the same way
 */
public record Verdict(boolean failed, String failure, String signature) {
    static final Verdict PASS = new Verdict(false, null, null);

    /** Judges a run of a case under its plan. */
    static Verdict of(RunReport r, FaultPlan plan) {
        if (r.result() != null && r.result().finding() != null) {
            String d = r.result().finding().describe();
            return fail(d);
        }
        boolean disruptive = plan.faults().stream().anyMatch(f -> f instanceof FaultPlan.Reset || f instanceof FaultPlan.ThreadFail);
        List<String> failures = r.failures();
        boolean reported = failures.stream().anyMatch(Verdict::reportsDisruption);
        for (String f : failures) {
            if (f.contains("differs") || !(disruptive && reported)) {
                return fail(f);
            }
        }
        return PASS;
    }

    /** A program's report of what a disruptive fault does, in the words Windows gives it. */
    private static boolean reportsDisruption(String problem) {
        return problem.contains("WSAECONNRESET") || problem.contains("WSAECONNABORTED")
                || problem.contains("CreateThread failed");
    }

    /** A failed run, with its signature made from the failure's first line. */
    static Verdict failure(String failure) {
        return fail(failure);
    }

    private static Verdict fail(String failure) {
        String first = failure.lines().findFirst().orElse(failure);
        String sig = first.replaceAll("0x[0-9a-fA-F]+", "0x#").replaceAll("\\d+", "#");
        return new Verdict(true, failure, sig);
    }
}
