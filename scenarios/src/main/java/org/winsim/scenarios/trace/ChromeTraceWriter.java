package org.winsim.scenarios.trace;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.winsim.sim.trace.TraceRecord;
import org.winsim.sim.trace.TraceSink;

/**
 * Writes the trace as Chrome trace-event JSON (opens in Perfetto and chrome://tracing): one process
 * (pid, with {@code process_name} metadata) per simulated process, numbered in order of appearance, and
 * one track per simulated thread with "run" slices while it holds a processor and "wait" slices named by
 * what it waits on; API calls, segments and other steps are instant events. The kernel and network are
 * pid 0, tid 0. A thread's process is the part of its name before ':' ("server:main" is in "server").
 * A record that carries a {@code link} id (a completion packet, a posted message, an APC: see the trace
 * legend) is a tiny slice instead of an instant, and each step of the id — from one record with it to
 * the next — is a flow arrow ({@code "ph":"s"} at the earlier, {@code "f"} at the later, bound to those
 * slices), as the HTML report draws them. A flow binds to the slice at its timestamp, so two linked records
 * of one thread at the same virtual nanosecond (a thread that posts a message and takes it at once) get
 * slices two nanoseconds apart, in trace order: each linked slice starts at its record's time or 2 ns
 * after the thread's previous linked slice starts, whichever is later (the gap between keeps a flow's
 * timestamp on one slice).
 */
public final class ChromeTraceWriter implements TraceSink {
    /** How long a linked record's slice lasts, in nanoseconds: short enough never to overlap the next record. */
    private static final long FLOW_SLICE_NS = 1;
    /** The least distance between two linked slices of a thread: a gap, so no flow's timestamp lies on two slices. */
    private static final long FLOW_SLICE_SPACING_NS = 2;
    private final JsonGenerator json;
    private final Set<Integer> named = new HashSet<>();
    private final Map<Integer, Integer> pidOfThread = new HashMap<>();
    private final Map<String, Integer> pidOfProcess = new LinkedHashMap<>();
    private int nextPid = 1;
    private final Set<Integer> running = new HashSet<>();
    private final Set<Integer> waiting = new HashSet<>();
    /** Each link id's latest record: its slice's start (ns), pid and tid; the next record with the id ends a flow there. */
    private final Map<String, long[]> lastOfLink = new HashMap<>();
    /** Where each thread's latest linked slice ends (ns): the next one on the thread starts there at the earliest. */
    private final Map<Integer, Long> linkedSliceEnd = new HashMap<>();
    private long flows;

    public ChromeTraceWriter(Writer out) throws IOException {
        json = new JsonFactory().createGenerator(out);
        json.writeStartObject();
        json.writeStringField("displayTimeUnit", "ns");
        json.writeArrayFieldStart("traceEvents");
    }

    @Override
    public void accept(TraceRecord r) throws IOException {
        int tid = r.threadId();
        if (named.add(tid)) {
            String process = tid == 0 ? "kernel / network" : processOf(r.thread());
            Integer pid = pidOfProcess.get(process);
            if (pid == null) {
                pid = tid == 0 ? 0 : nextPid++;
                pidOfProcess.put(process, pid);
                metadata("process_name", pid, tid, process);
            }
            pidOfThread.put(tid, pid);
            metadata("thread_name", pid, tid, tid == 0 ? "kernel / network" : r.thread());
        }
        switch (r.kind()) {
            case "DISPATCH" -> {
                end(r, tid, waiting);
                begin(r, tid, running, "run", "cpu " + r.field("cpu"));
            }
            case "BLOCK" -> {
                end(r, tid, running);
                begin(r, tid, waiting, "wait " + r.field("on"), "timeout " + r.field("timeout"));
            }
            case "WAKE" -> end(r, tid, waiting);
            case "PREEMPT", "EXIT", "ENDED", "FAIL" -> {
                end(r, tid, running);
                instant(r, tid);
            }
            default -> {
                String links = r.field("link");
                if (links == null) {
                    instant(r, tid);
                } else {
                    linked(r, tid, links);
                }
            }
        }
    }

    /** A record with link ids: a slice of its own (flows bind to slices), and a flow from each id's previous record. */
    private void linked(TraceRecord r, int tid, String links) throws IOException {
        int pid = pidOfThread.get(tid);
        long start = Math.max(r.time(), linkedSliceEnd.getOrDefault(tid, Long.MIN_VALUE));
        linkedSliceEnd.put(tid, start + FLOW_SLICE_SPACING_NS);
        json.writeStartObject();
        json.writeStringField("ph", "X");
        json.writeStringField("name", name(r));
        json.writeNumberField("pid", pid);
        json.writeNumberField("tid", tid);
        json.writeNumberField("ts", start / 1000.0);
        json.writeNumberField("dur", FLOW_SLICE_NS / 1000.0);
        args(r);
        json.writeEndObject();
        for (String id : links.split(",")) {
            long[] previous = lastOfLink.put(id, new long[] {start, pid, tid});
            if (previous != null) {
                long flow = ++flows;
                flowEvent("s", id, flow, previous[0], (int) previous[1], (int) previous[2]);
                flowEvent("f", id, flow, start, pid, tid);
            }
        }
    }

    private void flowEvent(String ph, String id, long flow, long timeNanos, int pid, int tid) throws IOException {
        json.writeStartObject();
        json.writeStringField("ph", ph);
        json.writeStringField("name", id);
        json.writeStringField("cat", "link");
        json.writeNumberField("id", flow);
        json.writeNumberField("pid", pid);
        json.writeNumberField("tid", tid);
        json.writeNumberField("ts", timeNanos / 1000.0);
        if (ph.equals("f")) {
            json.writeStringField("bp", "e"); // binds to the slice at ts, not the next one
        }
        json.writeEndObject();
    }

    private static String name(TraceRecord r) {
        return r.field("fn") != null ? r.kind() + " " + r.field("fn") : r.kind();
    }

    private void args(TraceRecord r) throws IOException {
        json.writeObjectFieldStart("args");
        for (int i = 0; i < r.fieldCount(); i++) {
            json.writeStringField(r.fieldName(i), r.fieldValue(i));
        }
        json.writeEndObject();
    }

    private static String processOf(String thread) {
        int colon = thread.indexOf(':');
        return colon < 0 ? thread : thread.substring(0, colon);
    }

    private void metadata(String name, int pid, int tid, String value) throws IOException {
        json.writeStartObject();
        json.writeStringField("ph", "M");
        json.writeStringField("name", name);
        json.writeNumberField("pid", pid);
        json.writeNumberField("tid", tid);
        json.writeObjectFieldStart("args");
        json.writeStringField("name", value);
        json.writeEndObject();
        json.writeEndObject();
    }

    private void begin(TraceRecord r, int tid, Set<Integer> open, String name, String detail) throws IOException {
        open.add(tid);
        event(r, tid, "B", name, detail);
    }

    private void end(TraceRecord r, int tid, Set<Integer> open) throws IOException {
        if (open.remove(tid)) {
            event(r, tid, "E", null, null);
        }
    }

    private void instant(TraceRecord r, int tid) throws IOException {
        json.writeStartObject();
        json.writeStringField("ph", "i");
        json.writeStringField("s", "t");
        json.writeStringField("name", name(r));
        json.writeNumberField("pid", pidOfThread.get(tid));
        json.writeNumberField("tid", tid);
        json.writeNumberField("ts", r.time() / 1000.0);
        args(r);
        json.writeEndObject();
    }

    private void event(TraceRecord r, int tid, String ph, String name, String detail) throws IOException {
        json.writeStartObject();
        json.writeStringField("ph", ph);
        if (name != null) {
            json.writeStringField("name", name);
        }
        json.writeNumberField("pid", pidOfThread.get(tid));
        json.writeNumberField("tid", tid);
        json.writeNumberField("ts", r.time() / 1000.0);
        if (detail != null) {
            json.writeObjectFieldStart("args");
            json.writeStringField("detail", detail);
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    @Override
    public void finish() throws IOException {
        json.writeEndArray();
        json.writeEndObject();
        json.flush();
    }
}
