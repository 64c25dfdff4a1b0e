package org.winsim.scenarios.report;

import java.util.List;
import java.util.function.Function;
import org.winsim.scenarios.RunReport;
import org.winsim.sim.trace.TraceRecord;

/**
 * Which trace records give a kernel object a lane in the HTML report, and which state each puts it in.
 * A new kind of object shows up by adding one {@link Mapping} here, or with no change at all by
 * emitting the generic {@code OBJECT} record (docs/architecture.md, "Trace records").
 */
final class ObjectLanes {
    /**
     * One record kind that changes an object's state.
     *
     * @param kind the record kind
     * @param group the lane group the object is shown in ("TCP connections", "events", …)
     * @param key the object's name, unique in the run once qualified by its owner
     * @param state the state the record puts the object in (an {@code end} state ends its lane), or null
     *     for a record that leaves it as it is (drawn as a mark on the lane)
     * @param label the text the state's span shows
     * @param owner the process that owns the object (its lanes are shown below that process's threads), or
     *     null for an object of the kernel or the network
     */
    record Mapping(String kind, Function<TraceRecord, String> group, Function<TraceRecord, String> key,
                   Function<TraceRecord, String> state, Function<TraceRecord, String> label,
                   Function<TraceRecord, String> owner) {
    }

    /** States after which an object's lane ends. */
    static final List<String> END_STATES = List.of("CLOSED", "closed");

    static final List<Mapping> MAPPINGS = List.of(
            // a TCP connection, named local>remote, from the TCP state machine (Tcb)
            new Mapping("STATE", r -> "TCP connections", r -> r.field("conn"), r -> r.field("to"), r -> r.field("to"),
                    r -> null),
            // a completion port's queue (CompletionPort): packets queued and removed, the port closed
            new Mapping("IOCP", r -> "completion ports", r -> r.field("port"),
                    r -> r.field("closed") != null ? "closed" : queue(r.field("packets")),
                    r -> queueLabel(r.field("packets"), "packet"), ObjectLanes::ownerOf),
            // a thread's message queue (MessageQueue): messages posted and removed
            new Mapping("MSG", r -> "message queues", r -> "message queue of " + r.field("queue"),
                    r -> queue(r.field("messages")), r -> queueLabel(r.field("messages"), "message"),
                    r -> processOf(r.field("queue"))),
            // the generic convention: obj= (unique in its process), state=, optional group= and process=
            new Mapping("OBJECT", r -> r.field("group") != null ? r.field("group") : groupOf(r.field("obj")),
                    r -> r.field("obj"), r -> r.field("state"), r -> r.field("state"), ObjectLanes::ownerOf));

    /** "empty", "1 packet queued", "3 packets queued". */
    private static String queueLabel(String length, String what) {
        return length == null || length.equals("0") ? "empty" : RunReport.count(Long.parseLong(length), what) + " queued";
    }

    /** The process a record about a process's object names: its {@code process} field, or its thread's process. */
    private static String ownerOf(TraceRecord r) {
        return r.field("process") != null ? r.field("process") : r.threadId() == 0 ? null : processOf(r.thread());
    }

    /** "server" of the thread name "server:main". */
    static String processOf(String thread) {
        int colon = thread.indexOf(':');
        return colon < 0 ? thread : thread.substring(0, colon);
    }

    /** A queue's state from its length after the record: "empty" or "queued"; null (unchanged) without one. */
    private static String queue(String length) {
        return length == null ? null : length.equals("0") ? "empty" : "queued";
    }

    private ObjectLanes() {
    }

    /** The mapping for a record kind, or null. */
    static Mapping forKind(String kind) {
        for (Mapping m : MAPPINGS) {
            if (m.kind().equals(kind)) {
                return m;
            }
        }
        return null;
    }

    /** "event(0x10c)" is in group "events": the object's kind, before its parenthesis, in the plural. */
    static String groupOf(String obj) {
        int paren = obj.indexOf('(');
        String kind = paren > 0 ? obj.substring(0, paren) : obj;
        return kind.endsWith("s") ? kind : kind + "s";
    }
}
