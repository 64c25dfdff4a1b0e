package org.winsim.scenarios.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.winsim.sim.Durations;
import org.winsim.scenarios.ScenarioParams;
import org.winsim.winsock.sim.FaultPlan;

/**
 * Draws a fault plan for each run of an exploration from a seeded mix: scheduling perturbations most of
 * the time, sometimes loss, delay and jitter, sometimes a reset of one connection at a random point,
 * sometimes partial sends (randomly, or one on a chosen connection).
 */
final class PlanGenerator {
    private PlanGenerator() {
    }

    /** The plan for the run with this seed (a pure function of seed and workload). */
    static FaultPlan draw(long seed, ScenarioParams params) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5eedfa17L); // cheap to make: one per run
        List<FaultPlan.Fault> f = new ArrayList<>();
        if (r.nextDouble() < 0.7) {
            f.add(new FaultPlan.RandomSchedule());
        }
        if (r.nextDouble() < 0.4) {
            f.add(new FaultPlan.CpuJitter(0.2));
        }
        if (r.nextDouble() < 0.3) {
            f.add(new FaultPlan.Loss(0.02, Durations.millis(300)));
        }
        if (r.nextDouble() < 0.2) {
            f.add(new FaultPlan.Jitter(Durations.micros(1 + r.nextInt(500))));
        }
        if (r.nextDouble() < 0.3) {
            long perConnection = 2L * params.messages() * params.size();
            f.add(new FaultPlan.Reset(1 + r.nextInt(params.clients()), 1 + (long) (r.nextDouble() * perConnection)));
        }
        // drawn last, so the faults above stay what they were for every seed
        if (r.nextDouble() < 0.3) {
            f.add(new FaultPlan.PartialSend(Math.round(10 + 40 * r.nextDouble()) / 100.0)); // 0.1 to 0.5, printed short
        }
        if (r.nextDouble() < 0.2 && params.size() > 1) { // a send of one byte cannot be cut
            f.add(new FaultPlan.PartialSendAt(1 + r.nextInt(params.clients()), 1 + r.nextInt(params.size() - 1)));
        }
        return new FaultPlan(f);
    }
}
