package org.winsim.scenarios.report;

import java.util.List;
import java.util.function.Function;
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
     * @param key the object's name, unique in the run once qualified by {@code qualify}
     * @param state the state the record puts the object in; an {@code end} state ends its lane
     * @param qualify whether the name is unique only within the process of the record's thread
     */
    record Mapping(String kind, Function<TraceRecord, String> group, Function<TraceRecord, String> key,
                   Function<TraceRecord, String> state, boolean qualify) {
    }

    /** States after which an object's lane ends. */
    static final List<String> END_STATES = List.of("CLOSED", "closed");

    static final List<Mapping> MAPPINGS = List.of(
            // a TCP connection, named local>remote, from the TCP state machine (Tcb)
            new Mapping("STATE", r -> "TCP connections", r -> r.field("conn"), r -> r.field("to"), false),
            // the generic convention: obj= (unique in its process), state=, optional group= and process=
            new Mapping("OBJECT", r -> r.field("group") != null ? r.field("group") : groupOf(r.field("obj")),
                    r -> r.field("obj"), r -> r.field("state"), true));

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
