package org.winsim.scenarios.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.winsim.sim.trace.TraceFormat;
import org.winsim.sim.trace.TraceRecord;
import org.winsim.sim.trace.TraceSink;

/**
 * The run as the HTML report draws it, built from the trace as it is written: a lane per simulated
 * thread (running / ready / waiting, and the API call it is in), grouped by process; a lane per kernel
 * object ({@link ObjectLanes}); arrows from a segment's send to its arrival, from a waker to the thread
 * it woke, and from each record with a {@code link} id to the next with that id; the first {@link #DETAIL_LIMIT} records for
 * hovering. Past that many records the lanes are aggregated into time buckets (see {@link #write}).
 */
public final class Timeline implements TraceSink {
    /** Records shown one by one (hover, marks, arrows, call strips); beyond, lanes are aggregated. */
    public static final int DETAIL_LIMIT = 10_000;
    /** Span cells an aggregated page holds at most, over all lanes. */
    static final int AGGREGATE_BUDGET = 400_000;

    static final String KERNEL_GROUP = "kernel / network";

    /** Arrow kinds, as the page names them. */
    static final String SEGMENT = "segment";
    static final String WAKE = "wake";
    static final String LINK = "link";

    private final Map<String, Integer> strings = new HashMap<>();
    private final List<String> stringList = new ArrayList<>();
    private final Map<String, Lane> lanes = new LinkedHashMap<>();
    private final Map<String, Integer> groupOrder = new LinkedHashMap<>();
    private final Map<String, Lane> threadByName = new HashMap<>();
    private final List<String> records = new ArrayList<>();
    private final List<Arrow> arrows = new ArrayList<>();
    private final List<long[]> marks = new ArrayList<>(); // lane order, time, record
    private final List<Lane> markLanes = new ArrayList<>();
    private final Map<String, long[]> linkSources = new HashMap<>(); // link id -> time, record
    private final Map<String, Lane> linkLanes = new HashMap<>();
    private long recordCount;
    private long endTime;

    /** One lane: its spans as parallel arrays (start, end, state, label, record). */
    static final class Lane {
        final String group;
        final String kind;
        /** The process it belongs to (a thread's, or an object's owner), or null (the kernel, the network). */
        final String owner;
        String name;
        final int order;
        long openStart = -1;
        int openState;
        int openLabel;
        int openRec;
        long callStart = -1;
        int callLabel;
        int callRec;
        final Spans states = new Spans();
        final Spans calls = new Spans();

        Lane(String group, String kind, String owner, String name, int order) {
            this.group = group;
            this.kind = kind;
            this.owner = owner;
            this.name = name;
            this.order = order;
        }
    }

    /** Growable parallel arrays of spans. */
    static final class Spans {
        long[] start = new long[8];
        long[] end = new long[8];
        int[] state = new int[8];
        int[] label = new int[8];
        int[] rec = new int[8];
        int size;

        void add(long s, long e, int st, int lb, int r) {
            if (size == start.length) {
                int n = size * 2;
                start = java.util.Arrays.copyOf(start, n);
                end = java.util.Arrays.copyOf(end, n);
                state = java.util.Arrays.copyOf(state, n);
                label = java.util.Arrays.copyOf(label, n);
                rec = java.util.Arrays.copyOf(rec, n);
            }
            start[size] = s;
            end[size] = e;
            state[size] = st;
            label[size] = lb;
            rec[size] = r;
            size++;
        }
    }

    /** An arrow; its target lane may be named by key and resolved when the page is written. */
    record Arrow(Lane from, long fromTime, Lane to, String toKey, long toTime, String kind, int rec) {
    }

    @Override
    public void accept(TraceRecord r) {
        recordCount++;
        endTime = Math.max(endTime, r.time());
        boolean detail = r.seq() < DETAIL_LIMIT;
        int rec = -1;
        if (detail) {
            rec = records.size();
            records.add(TraceFormat.text(r));
        }
        Lane thread = r.threadId() == 0 ? null : thread(r);
        ObjectLanes.Mapping object = ObjectLanes.forKind(r.kind());
        Lane own = thread;
        if (object != null) {
            own = objectRecord(r, object, rec);
        } else if (thread != null) {
            threadRecord(r, thread, rec, detail);
        } else if (detail && !r.kind().equals("SEG")) {
            own = lane("kernel", KERNEL_GROUP, "kernel", null, KERNEL_GROUP);
            mark(own, r.time(), rec);
        }
        if (r.kind().equals("SEG")) {
            String src = r.field("src");
            String dst = r.field("dst");
            Lane from = lanes.get("obj " + src + ">" + dst);
            own = from != null ? from : own != null ? own : lane("kernel", KERNEL_GROUP, "kernel", null, KERNEL_GROUP);
            if (detail) {
                mark(own, r.time(), rec);
                String arrives = r.field("arrives");
                if (arrives != null) {
                    arrows.add(new Arrow(own, r.time(), null, "obj " + dst + ">" + src, Long.parseLong(arrives), SEGMENT, rec));
                }
            }
        }
        String links = r.field("link");
        if (links != null && detail && own != null) {
            for (String link : links.split(",")) {
                link(link, own, r.time(), rec);
            }
        }
    }

    /** A record with link id {@code id}: an arrow from the id's previous record, and this one is the next's source. */
    private void link(String id, Lane own, long time, int rec) {
        long[] previous = linkSources.put(id, new long[] {time, rec});
        Lane from = linkLanes.put(id, own);
        if (previous != null) {
            arrows.add(new Arrow(from, previous[0], own, null, time, LINK, rec));
        }
    }

    private Lane thread(TraceRecord r) {
        String key = "T" + r.threadId();
        Lane l = lanes.get(key);
        String name = r.thread();
        if (l == null) {
            String process = ObjectLanes.processOf(name);
            l = lane(key, process, "thread", process, name);
        }
        if (!l.name.equals(name)) {
            l.name = name;
        }
        threadByName.put(name, l);
        return l;
    }

    private void threadRecord(TraceRecord r, Lane l, int rec, boolean detail) {
        long t = r.time();
        switch (r.kind()) {
            case "SPAWN", "WAKE", "PREEMPT" -> {
                state(l, t, "ready", r.kind().equals("PREEMPT") ? "preempted: " + r.field("why") : "ready for a processor", rec);
                Lane by = r.kind().equals("WAKE") ? threadByName.get(r.field("by")) : null;
                if (by != null && by != l && detail) {
                    arrows.add(new Arrow(by, t, l, null, t, WAKE, rec));
                }
            }
            case "DISPATCH" -> state(l, t, "running", "on processor " + r.field("cpu"), rec);
            case "BLOCK" -> state(l, t, "waiting", r.field("on"), rec);
            case "EXIT", "ENDED", "FAIL" -> {
                close(l, t);
                if (!r.kind().equals("EXIT") && detail) {
                    mark(l, t, rec);
                }
            }
            case "CALL" -> {
                l.callStart = t;
                l.callLabel = intern(r.field("fn"));
                l.callRec = rec;
            }
            case "RET" -> {
                if (l.callStart >= 0 && detail) {
                    String err = r.field("err");
                    String label = r.field("fn") + " = " + r.field("ret") + (err == null || err.equals("0") ? "" : " " + err);
                    l.calls.add(l.callStart, t, intern(err == null || err.equals("0") ? "call" : "failed call"),
                            intern(label), l.callRec);
                }
                l.callStart = -1;
            }
            default -> {
                if (detail && !r.kind().equals("SEG")) { // a segment is marked on its connection's lane
                    mark(l, t, rec);
                }
            }
        }
    }

    private Lane objectRecord(TraceRecord r, ObjectLanes.Mapping m, int rec) {
        String name = m.key().apply(r);
        String owner = m.owner().apply(r);
        String key = "obj " + (owner == null ? name : owner + " " + name);
        Lane l = lanes.get(key);
        if (l == null) {
            String group = m.group().apply(r);
            l = lane(key, owner == null ? group : owner + " · " + group, "object", owner, name);
        }
        String state = m.state().apply(r);
        if (state == null || ObjectLanes.END_STATES.contains(state)) {
            if (state != null) {
                close(l, r.time());
            }
            mark(l, r.time(), rec);
        } else {
            state(l, r.time(), state, m.label().apply(r), rec);
        }
        return l;
    }

    private Lane lane(String key, String group, String kind, String owner, String name) {
        Lane l = lanes.get(key);
        if (l == null) {
            groupOrder.putIfAbsent(group, groupOrder.size());
            l = new Lane(group, kind, owner, name, lanes.size());
            lanes.put(key, l);
        }
        return l;
    }

    private void state(Lane l, long t, String state, String label, int rec) {
        close(l, t);
        l.openStart = t;
        l.openState = intern(state);
        l.openLabel = intern(label);
        l.openRec = rec;
    }

    private void close(Lane l, long t) {
        if (l.openStart >= 0) {
            if (t > l.openStart) {
                l.states.add(l.openStart, t, l.openState, l.openLabel, l.openRec);
            }
            l.openStart = -1;
        }
    }

    private void mark(Lane l, long t, int rec) {
        if (rec >= 0) {
            marks.add(new long[] {0, t, rec});
            markLanes.add(l);
        }
    }

    private int intern(String s) {
        String v = s == null ? "" : s;
        Integer i = strings.get(v);
        if (i == null) {
            i = stringList.size();
            strings.put(v, i);
            stringList.add(v);
        }
        return i;
    }

    /** Records seen. */
    public long recordCount() {
        return recordCount;
    }

    /** Whether the page aggregates: the run has more records than {@link #DETAIL_LIMIT}. */
    public boolean aggregated() {
        return recordCount > DETAIL_LIMIT;
    }

    /**
     * Writes the page's data as JSON: lanes in group order (each with its state spans and call strips),
     * marks, arrows, the detailed records and the string table.
     */
    void write(Writer out, String title, List<String> summary) throws IOException {
        for (Lane l : lanes.values()) {
            close(l, endTime);
        }
        // each process's threads, then its objects (ports, message queues, events, windows), then what no
        // process owns (TCP connections, the kernel); within that, groups and lanes as they first appeared
        Map<String, Integer> processRank = new HashMap<>();
        for (Lane l : lanes.values()) {
            if (l.kind.equals("thread")) {
                processRank.putIfAbsent(l.owner, processRank.size());
            }
        }
        List<Lane> ordered = new ArrayList<>(lanes.values());
        ordered.sort(java.util.Comparator.<Lane>comparingInt(l -> l.owner == null ? Integer.MAX_VALUE
                        : processRank.getOrDefault(l.owner, processRank.size()))
                .thenComparingInt(l -> l.kind.equals("thread") ? 0 : 1)
                .thenComparingInt(l -> groupOrder.get(l.group))
                .thenComparingInt(l -> l.order));
        Map<Lane, Integer> index = new HashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            index.put(ordered.get(i), i);
        }
        int buckets = Math.max(100, Math.min(2000, AGGREGATE_BUDGET / Math.max(1, ordered.size())));
        JsonGenerator j = new JsonFactory().createGenerator(out);
        j.writeStartObject();
        j.writeStringField("title", title);
        j.writeArrayFieldStart("summary");
        for (String s : summary) {
            j.writeString(s);
        }
        j.writeEndArray();
        j.writeNumberField("end", endTime);
        j.writeNumberField("recordCount", recordCount);
        j.writeNumberField("detailLimit", DETAIL_LIMIT);
        j.writeBooleanField("aggregated", aggregated());
        j.writeNumberField("buckets", buckets);
        j.writeArrayFieldStart("lanes");
        for (Lane l : ordered) {
            j.writeStartObject();
            j.writeStringField("group", l.group);
            j.writeStringField("name", l.name);
            j.writeStringField("kind", l.kind);
            j.writeFieldName("states");
            Spans s = aggregated() && l.states.size > buckets ? aggregate(l.states, buckets) : l.states;
            spans(j, s);
            j.writeFieldName("calls");
            spans(j, l.calls);
            j.writeEndObject();
        }
        j.writeEndArray();
        j.writeArrayFieldStart("marks");
        for (int i = 0; i < marks.size(); i++) {
            long[] m = marks.get(i);
            j.writeArray(new long[] {index.get(markLanes.get(i)), m[1], m[2]}, 0, 3);
        }
        j.writeEndArray();
        j.writeArrayFieldStart("arrows");
        for (Arrow a : arrows) {
            Lane to = a.to() != null ? a.to() : lanes.get(a.toKey());
            if (to == null) {
                to = a.from(); // a segment to a socket that never got a connection lane (a refused SYN)
            }
            j.writeStartArray();
            j.writeNumber(index.get(a.from()));
            j.writeNumber(a.fromTime());
            j.writeNumber(index.get(to));
            j.writeNumber(a.toTime());
            j.writeString(a.kind());
            j.writeNumber(a.rec());
            j.writeEndArray();
        }
        j.writeEndArray();
        j.writeArrayFieldStart("records");
        for (String r : records) {
            j.writeString(r);
        }
        j.writeEndArray();
        j.writeArrayFieldStart("strings");
        for (String s : stringList) {
            j.writeString(s);
        }
        j.writeEndArray();
        j.writeEndObject();
        j.flush();
    }

    private static void spans(JsonGenerator j, Spans s) throws IOException {
        j.writeStartArray();
        for (int i = 0; i < s.size; i++) {
            j.writeNumber(s.start[i]);
            j.writeNumber(s.end[i]);
            j.writeNumber(s.state[i]);
            j.writeNumber(s.label[i]);
            j.writeNumber(s.rec[i]);
        }
        j.writeEndArray();
    }

    /**
     * A lane's states in {@code buckets} equal slices of the run: each slice shows the state the lane
     * spent most of that slice in (ties to the lower state number), neighbours in the same state merged;
     * such spans carry no label or record (-1).
     */
    private Spans aggregate(Spans s, int buckets) {
        double width = Math.max(1.0, (double) endTime / buckets);
        Spans out = new Spans();
        Map<Integer, Long> share = new LinkedHashMap<>();
        int i = 0;
        for (int b = 0; b < buckets; b++) {
            long lo = (long) (b * width);
            long hi = b == buckets - 1 ? endTime : (long) ((b + 1) * width);
            share.clear();
            while (i < s.size && s.end[i] <= lo) {
                i++;
            }
            for (int k = i; k < s.size && s.start[k] < hi; k++) {
                long covered = Math.min(hi, s.end[k]) - Math.max(lo, s.start[k]);
                if (covered > 0) {
                    share.merge(s.state[k], covered, Long::sum);
                }
            }
            int best = -1;
            long bestTime = 0;
            for (Map.Entry<Integer, Long> e : share.entrySet()) {
                if (e.getValue() > bestTime || (e.getValue() == bestTime && e.getKey() < best)) {
                    best = e.getKey();
                    bestTime = e.getValue();
                }
            }
            if (best < 0) {
                continue;
            }
            if (out.size > 0 && out.state[out.size - 1] == best && out.end[out.size - 1] == lo) {
                out.end[out.size - 1] = hi;
            } else {
                out.add(lo, hi, best, -1, -1);
            }
        }
        return out;
    }
}
