package org.winsim.scenarios.explore;

import java.util.ArrayList;
import java.util.List;
import org.winsim.scenarios.ScenarioParams;
import org.winsim.winsock.sim.FaultPlan;

/** The simpler variants of a case that shrinking tries, simplest change first. */
final class Shrinks {
    private Shrinks() {
    }

    static List<RunCase> candidates(RunCase c) {
        List<RunCase> out = new ArrayList<>();
        FaultPlan plan = c.plan();
        for (int i = 0; i < plan.faults().size(); i++) {
            out.add(c.withPlan(plan.without(i)));
        }
        ScenarioParams p = c.params();
        for (int n : smaller(p.clients())) {
            out.add(c.withParams(new ScenarioParams(n, p.messages(), p.size(), p.seed(), p.asWritten())).withPlan(clampResets(plan, n)));
        }
        for (int n : smaller(p.messages())) {
            out.add(c.withParams(new ScenarioParams(p.clients(), n, p.size(), p.seed(), p.asWritten())));
        }
        for (int n : smaller(p.size())) {
            out.add(c.withParams(new ScenarioParams(p.clients(), p.messages(), n, p.seed(), p.asWritten())));
        }
        for (int n : smaller(c.processors())) {
            out.add(c.withProcessors(n));
        }
        for (int i = 0; i < plan.faults().size(); i++) {
            FaultPlan.Fault f = plan.faults().get(i);
            if (f instanceof FaultPlan.Reset r) {
                if (r.bytes() > 1) {
                    out.add(c.withPlan(plan.with(i, new FaultPlan.Reset(r.conn(), r.bytes() / 2))));
                    out.add(c.withPlan(plan.with(i, new FaultPlan.Reset(r.conn(), r.bytes() - 1))));
                }
                if (r.conn() > 1) {
                    out.add(c.withPlan(plan.with(i, new FaultPlan.Reset(r.conn() - 1, r.bytes()))));
                }
            } else if (f instanceof FaultPlan.PartialSendAt a) {
                if (a.bytes() > 1) {
                    out.add(c.withPlan(plan.with(i, new FaultPlan.PartialSendAt(a.conn(), a.bytes() / 2))));
                    out.add(c.withPlan(plan.with(i, new FaultPlan.PartialSendAt(a.conn(), a.bytes() - 1))));
                }
                if (a.conn() > 1) {
                    out.add(c.withPlan(plan.with(i, new FaultPlan.PartialSendAt(a.conn() - 1, a.bytes()))));
                }
            } else if (f instanceof FaultPlan.Loss l && l.p() > 0.001) {
                out.add(c.withPlan(plan.with(i, new FaultPlan.Loss(l.p() / 2, l.rtoNanos()))));
            }
        }
        return out;
    }

    /**
     * Smaller values of n, largest step first: half, then n less an eighth, a sixty-fourth, … down to one
     * less (so a threshold among thousands is found in tens of steps, not thousands); none below 1.
     */
    private static List<Integer> smaller(int n) {
        List<Integer> l = new ArrayList<>();
        if (n > 1) {
            if (n / 2 >= 1 && n / 2 != n - 1) {
                l.add(n / 2);
            }
            for (int step = n / 8; step > 1; step /= 8) {
                l.add(n - step);
            }
            l.add(n - 1);
        }
        return l;
    }

    /** With fewer clients, a reset or partial send of a connection that no longer exists is dropped. */
    private static FaultPlan clampResets(FaultPlan plan, int clients) {
        List<FaultPlan.Fault> kept = new ArrayList<>();
        for (FaultPlan.Fault f : plan.faults()) {
            if (!(f instanceof FaultPlan.Reset r && r.conn() > clients) && !(f instanceof FaultPlan.PartialSendAt a && a.conn() > clients)) {
                kept.add(f);
            }
        }
        return new FaultPlan(kept);
    }
}
