package org.winsim.sim;

/**
 * Seeded perturbations of scheduling that a fault plan may ask for, so that races between threads show
 * up under different seeds: which ready thread a freed processor takes (instead of the oldest), and a
 * jitter of every CPU cost. Both draw from their own named random stream; with {@link #NONE} a run is
 * exactly the unperturbed one.
 *
 * @param randomReadyChoice a freed processor takes a ready thread chosen at random ("sched.ready")
 * @param cpuJitter each CPU charge is scaled by a factor drawn uniformly from [1 - j, 1 + j] ("sched.cpu"), 0 &le; j &lt; 1
 */
public record Chaos(boolean randomReadyChoice, double cpuJitter) {
    public static final Chaos NONE = new Chaos(false, 0);

    public Chaos {
        if (!(cpuJitter >= 0 && cpuJitter < 1)) {
            throw new IllegalArgumentException("cpu jitter must be in [0, 1): " + cpuJitter);
        }
    }

    public boolean isNone() {
        return !randomReadyChoice && cpuJitter == 0;
    }
}
