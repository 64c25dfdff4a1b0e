package org.winsim.scenarios.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.winsim.scenarios.RunReport;
import org.winsim.scenarios.ScenarioParams;
import org.winsim.scenarios.ScenarioRunner;
import org.winsim.scenarios.Scenarios;
import org.winsim.scenarios.SimBackend;
import org.winsim.sim.trace.TraceRecord;
import org.winsim.winsock.sim.OsProfile;

/**
 * The report's data without a browser: for the completion-port, WSAAsyncSelect and completion-routine
 * servers, each record with a {@code link} id gets an arrow from the one before it with that id — a
 * packet from its port's lane to the worker that dequeued it, a message from its queue's lane to the
 * GetMessage that took it and on to its DispatchMessage, an APC from where it was queued to its run —
 * and a process's objects are drawn below its threads.
 */
class TimelineTest {
    /** The page's data for a run (JSON objects as maps, arrays as lists), and the run's records. */
    private record Page(Map<String, Object> data, List<TraceRecord> trace) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> lanes() {
            return (List<Map<String, Object>>) data.get("lanes");
        }

        List<String> laneNames() {
            return lanes().stream().map(l -> l.get("group") + " | " + l.get("name")).toList();
        }

        String lane(Object i) {
            return laneNames().get(((Long) i).intValue());
        }

        /** Arrows of a kind: [from lane, from time, to lane, to time, kind, record]. */
        @SuppressWarnings("unchecked")
        List<List<Object>> arrows(String kind) {
            return ((List<List<Object>>) data.get("arrows")).stream().filter(a -> a.get(4).equals(kind)).toList();
        }

        /** Arrows the link ids call for: one fewer than the records that carry each id. */
        int expectedLinkArrows(String prefix) {
            Map<String, Integer> seen = new LinkedHashMap<>();
            for (TraceRecord r : trace) {
                String links = r.field("link");
                if (links != null) {
                    for (String id : links.split(",")) {
                        if (id.startsWith(prefix)) {
                            seen.merge(id, 1, Integer::sum);
                        }
                    }
                }
            }
            return seen.values().stream().mapToInt(n -> n - 1).sum();
        }
    }

    private static Page page(String scenario, int clients, int messages) throws Exception {
        Timeline timeline = new Timeline();
        List<TraceRecord> trace = new ArrayList<>();
        RunReport run = ScenarioRunner.runSimulated(Scenarios.named(scenario).orElseThrow(),
                new ScenarioParams(clients, messages, 512, 1), OsProfile.WINDOWS, SimBackend.Topology.LOOPBACK, 2,
                List.of(timeline, trace::add));
        assertTrue(run.succeeded(), run.failures().toString());
        assertFalse(timeline.aggregated(), "these runs stay under the detail limit");
        StringWriter json = new StringWriter();
        timeline.write(json, scenario, List.of());
        try (JsonParser parser = new JsonFactory().createParser(json.toString())) {
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) read(parser, parser.nextToken());
            return new Page(data, trace);
        }
    }

    /** The JSON value starting at {@code t}: a map, a list, a string, a long or a boolean. */
    private static Object read(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    m.put(name, read(p, p.nextToken()));
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    l.add(read(p, e));
                }
                return l;
            }
            case VALUE_NUMBER_INT -> {
                return p.getLongValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return p.getBooleanValue();
            }
            default -> {
                return p.getText();
            }
        }
    }

    @Test
    void eachCompletionPacketIsAnArrowFromThePortToTheWorkerThatDequeuedIt() throws Exception {
        Page p = page("iocp-echo", 3, 4);
        List<List<Object>> links = p.arrows(Timeline.LINK);
        // each message: a receive and a send completion; each connection: its last receive (0 bytes)
        assertEquals(3 * (2 * 4 + 1), links.size());
        assertEquals(links.size(), p.expectedLinkArrows("cp"));
        for (List<Object> a : links) {
            assertEquals("server · completion ports | port(0x100)", p.lane(a.get(0)));
            assertTrue(p.lane(a.get(2)).matches("server \\| server:worker-[12]"), p.lane(a.get(2)));
            assertTrue((Long) a.get(3) >= (Long) a.get(1), "dequeued after it was queued");
        }
        List<String> lanes = p.laneNames();
        assertEquals(List.of("server | server:main", "server | server:worker-1", "server | server:worker-2",
                "server · completion ports | port(0x100)", "client | client:main"), lanes.subList(0, 5),
                "the server's threads, then its port, then the client's threads");
        assertTrue(lanes.get(lanes.size() - 1).startsWith("TCP connections") || lanes.get(lanes.size() - 1).startsWith("kernel"),
                "objects no process owns come last: " + lanes.get(lanes.size() - 1));
    }

    @Test
    void eachPostedMessageIsAnArrowToTheGetMessageThatTookItAndOnToItsDispatch() throws Exception {
        Page p = page("async-select-echo", 3, 4);
        List<List<Object>> links = p.arrows(Timeline.LINK);
        assertEquals(p.expectedLinkArrows("msg"), links.size());
        int fromQueue = 0;
        int toDispatch = 0;
        for (List<Object> a : links) {
            String from = p.lane(a.get(0));
            if (from.equals("server · message queues | message queue of server:main")) {
                fromQueue++;
            } else {
                assertEquals("server | server:main", from, "the second arrow leaves the GetMessage");
                assertTrue(p.trace().stream().anyMatch(r -> r.time() == (Long) a.get(3) && "DispatchMessage".equals(r.field("fn"))
                        && r.kind().equals("CALL")), "and ends at the DispatchMessage");
                toDispatch++;
            }
            assertEquals("server | server:main", p.lane(a.get(2)));
        }
        assertTrue(fromQueue >= 3 * 4, "at least an FD_READ per message: " + fromQueue);
        assertEquals(fromQueue, toDispatch, "every message taken is dispatched");
        assertTrue(p.laneNames().contains("server · windows | window(0x10010)"), p.laneNames().toString());
    }

    @Test
    void eachCompletionRoutineIsAnArrowFromWhereItWasQueuedToItsRun() throws Exception {
        Page p = page("completion-routine-echo", 2, 3);
        List<List<Object>> links = p.arrows(Timeline.LINK);
        assertEquals(p.expectedLinkArrows("apc"), links.size());
        assertTrue(links.size() >= 2 * (2 * 3), "a receive and a send routine per message: " + links.size());
        for (List<Object> a : links) {
            assertEquals("server | server:worker", p.lane(a.get(2)), "routines run on the thread that issued the I/O");
        }
    }

    @Test
    void aPortsLaneShowsItsQueue() throws Exception {
        Page p = page("iocp-echo", 6, 4);
        @SuppressWarnings("unchecked")
        List<String> strings = (List<String>) p.data().get("strings");
        for (Map<String, Object> l : p.lanes()) {
            if (l.get("name").equals("port(0x100)")) {
                List<String> states = new ArrayList<>();
                @SuppressWarnings("unchecked")
                List<Long> s = (List<Long>) l.get("states");
                for (int i = 2; i < s.size(); i += 5) {
                    states.add(strings.get(s.get(i).intValue()));
                }
                assertTrue(states.contains("empty") && states.contains("queued"), states.toString());
                return;
            }
        }
        throw new AssertionError("no lane for the port: " + p.laneNames());
    }
}
