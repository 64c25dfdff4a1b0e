package org.winsim.scenarios.study;

/**
 * One model at one client count: the figures of Jones and Ohlund's chapter 6 table, measured on one run.
 *
 * @param model the model
 * @param attempted client connections asked for
 * @param ran client connections the run had (fewer when the study caps them)
 * @param built whether the model's scenario exists; the other figures are zero when it does not
 * @param connected client connects that succeeded
 * @param messagesEchoed messages echoed back and verified
 * @param messages messages the run should have echoed
 * @param threads threads the server process ran
 * @param peakStackBytes the most of the server's address space its thread stacks held at once
 * @param peakNonPagedBytes the most of the server host's non-paged pool in use at once
 * @param cpuNanos the server's CPU time
 * @param contextSwitches how many times a processor switched to a server thread
 * @param virtualNanos virtual time until the last client finished
 * @param wallNanos real time the simulation took
 * @param outcome "OK", or the run's first failure
 */
public record StudyRow(IoModel model, int attempted, int ran, boolean built, long connected, long messagesEchoed,
                       long messages, int threads, long peakStackBytes, long peakNonPagedBytes, long cpuNanos,
                       long contextSwitches, long virtualNanos, long wallNanos, String outcome) {

    /** The row of a model whose scenario is not built yet. */
    static StudyRow notBuilt(IoModel model, int attempted, int ran) {
        return new StudyRow(model, attempted, ran, false, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "not built yet");
    }

    /** Server CPU per message echoed, in microseconds; 0 when none was. */
    public double cpuMicrosPerMessage() {
        return messagesEchoed == 0 ? 0 : cpuNanos / 1000.0 / messagesEchoed;
    }

    /** Server context switches per message echoed; 0 when none was. */
    public double switchesPerMessage() {
        return messagesEchoed == 0 ? 0 : (double) contextSwitches / messagesEchoed;
    }

    /** Messages echoed per second of virtual time. */
    public double throughput() {
        return virtualNanos == 0 ? 0 : messagesEchoed * 1e9 / virtualNanos;
    }
}
