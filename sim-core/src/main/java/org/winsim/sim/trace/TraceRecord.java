package org.winsim.sim.trace;

import java.util.Arrays;

/**
 * One step of a run: when (virtual nanoseconds), in which simulated thread (id 0 and name "kernel"
 * when no thread runs), what kind of step, and its fields as ordered name/value pairs.
 */
public final class TraceRecord {
    private final long seq;
    private final long time;
    private final int threadId;
    private final String thread;
    private final String kind;
    private final String[] fields;

    public TraceRecord(long seq, long time, int threadId, String thread, String kind, String... fields) {
        if (fields.length % 2 != 0) {
            throw new IllegalArgumentException("trace fields come in name/value pairs: " + Arrays.toString(fields));
        }
        this.seq = seq;
        this.time = time;
        this.threadId = threadId;
        this.thread = thread;
        this.kind = kind;
        this.fields = fields;
    }

    /** Position of the record in its run, from 0. */
    public long seq() {
        return seq;
    }

    public long time() {
        return time;
    }

    public int threadId() {
        return threadId;
    }

    public String thread() {
        return thread;
    }

    public String kind() {
        return kind;
    }

    public int fieldCount() {
        return fields.length / 2;
    }

    public String fieldName(int i) {
        return fields[2 * i];
    }

    public String fieldValue(int i) {
        return fields[2 * i + 1];
    }

    /** The value of the named field, or null. */
    public String field(String name) {
        for (int i = 0; i < fields.length; i += 2) {
            if (fields[i].equals(name)) {
                return fields[i + 1];
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return TraceFormat.text(this);
    }
}
