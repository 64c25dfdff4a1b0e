package org.winsim.sim;

/**
 * The parameters of a simulated machine and of one run: processors and their costs, the memory that
 * thread stacks are reserved from, the seed, and the limits that stop a runaway run.
 *
 * @param processors number of simulated processors (at least 1)
 * @param contextSwitchNanos cost charged when a processor switches to a different thread
 * @param quantumNanos CPU time a thread may run before it yields to a ready thread of the run queue
 * @param stackBudgetBytes address space that thread stacks are reserved from
 * @param defaultStackBytes stack reserved for a thread that names no size
 * @param seed the seed every random stream derives from
 * @param maxTimeNanos the run stops with {@link FindingKind#TIME_LIMIT} past this virtual time
 * @param maxEvents the run stops with {@link FindingKind#EVENT_LIMIT} after this many events
 */
public record SimulationConfig(int processors, long contextSwitchNanos, long quantumNanos, long stackBudgetBytes,
                               long defaultStackBytes, long seed, long maxTimeNanos, long maxEvents) {
    /** Two processors, 5 us per switch, a 30 ms quantum, 2 GiB of stack space with 1 MiB stacks, seed 1. */
    public static final SimulationConfig DEFAULT = new SimulationConfig(2, Durations.micros(5), Durations.millis(30),
            2L << 30, 1L << 20, 1, Durations.seconds(3600), 100_000_000L);

    public SimulationConfig {
        require(processors >= 1, "processors must be at least 1: " + processors);
        require(contextSwitchNanos >= 0, "contextSwitchNanos must not be negative: " + contextSwitchNanos);
        require(quantumNanos > 0, "quantumNanos must be positive: " + quantumNanos);
        require(stackBudgetBytes >= 0, "stackBudgetBytes must not be negative: " + stackBudgetBytes);
        require(defaultStackBytes >= 0, "defaultStackBytes must not be negative: " + defaultStackBytes);
        require(maxTimeNanos >= 0, "maxTimeNanos must not be negative: " + maxTimeNanos);
        require(maxEvents > 0, "maxEvents must be positive: " + maxEvents);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public SimulationConfig withProcessors(int n) {
        return new SimulationConfig(n, contextSwitchNanos, quantumNanos, stackBudgetBytes, defaultStackBytes, seed, maxTimeNanos, maxEvents);
    }

    public SimulationConfig withContextSwitchNanos(long n) {
        return new SimulationConfig(processors, n, quantumNanos, stackBudgetBytes, defaultStackBytes, seed, maxTimeNanos, maxEvents);
    }

    public SimulationConfig withQuantumNanos(long n) {
        return new SimulationConfig(processors, contextSwitchNanos, n, stackBudgetBytes, defaultStackBytes, seed, maxTimeNanos, maxEvents);
    }

    public SimulationConfig withStackBudget(long budgetBytes, long defaultStack) {
        return new SimulationConfig(processors, contextSwitchNanos, quantumNanos, budgetBytes, defaultStack, seed, maxTimeNanos, maxEvents);
    }

    public SimulationConfig withSeed(long s) {
        return new SimulationConfig(processors, contextSwitchNanos, quantumNanos, stackBudgetBytes, defaultStackBytes, s, maxTimeNanos, maxEvents);
    }

    public SimulationConfig withLimits(long maxTime, long maxEventCount) {
        return new SimulationConfig(processors, contextSwitchNanos, quantumNanos, stackBudgetBytes, defaultStackBytes, seed, maxTime, maxEventCount);
    }
}
