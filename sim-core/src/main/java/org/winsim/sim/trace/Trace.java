package org.winsim.sim.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The trace of one run: numbers records and hands them to its sinks; costs nothing when it has none. */
public final class Trace {
    private final List<TraceSink> sinks = new ArrayList<>();
    private long seq;

    public void addSink(TraceSink sink) {
        sinks.add(sink);
    }

    /** True when some sink listens; callers check it before building a record's fields. */
    public boolean enabled() {
        return !sinks.isEmpty();
    }

    public void record(long time, int threadId, String thread, String kind, String... fields) {
        if (sinks.isEmpty()) {
            return;
        }
        TraceRecord r = new TraceRecord(seq++, time, threadId, thread, kind, fields);
        try {
            for (TraceSink s : sinks) {
                s.accept(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing the trace failed", e);
        }
    }

    /** Tells every sink that the run has ended. */
    public void finish() {
        try {
            for (TraceSink s : sinks) {
                s.finish();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing the trace failed", e);
        }
    }

    public long recordCount() {
        return seq;
    }
}
