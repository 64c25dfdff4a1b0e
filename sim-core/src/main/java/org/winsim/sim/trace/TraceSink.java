package org.winsim.sim.trace;

import java.io.IOException;

/** Receives every trace record of a run, in order. */
public interface TraceSink {
    void accept(TraceRecord record) throws IOException;

    /** Called once when the run ends: write out anything buffered. */
    default void finish() throws IOException {
    }
}
