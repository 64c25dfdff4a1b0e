package org.winsim.sim.trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keeps the trace in memory, for tests and for writers that need the whole run before they write. */
public final class TraceBuffer implements TraceSink {
    private final List<TraceRecord> records = new ArrayList<>();

    @Override
    public void accept(TraceRecord record) {
        records.add(record);
    }

    public List<TraceRecord> records() {
        return Collections.unmodifiableList(records);
    }
}
