package org.winsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    record Outcome(int code, String out, String err) {
    }

    static Outcome winsim(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void listNamesEveryScenario() {
        Outcome o = winsim("list");
        assertEquals(0, o.code());
        List<String> names = o.out().lines().map(l -> l.split(" ")[0]).toList();
        assertEquals(List.of("blocking-echo", "reader-compute", "nonblocking-poll", "select-echo", "async-select-echo",
                "event-select-echo", "overlapped-event-echo", "overlapped-acceptex-echo", "completion-routine-echo", "iocp-echo", "iocp-acceptex-echo", "kiocp-echo"), names);
    }

    @Test
    void aWindowsOnlyScenarioIsRefusedOnRealLinuxSockets() {
        org.junit.jupiter.api.Assumptions.assumeFalse(com.sun.jna.Platform.isWindows());
        Outcome o = winsim("run", "event-select-echo", "--backend", "real");
        assertEquals(2, o.code());
        assertEquals("winsim run: event-select-echo calls functions only Windows has (WSAEventSelect, WSAAsyncSelect, windows, "
                + "overlapped I/O): --backend real cannot run it on this host (--backend wine can)", o.err().strip());
    }

    @Test
    void runPrintsASummaryAndSucceeds() {
        Outcome o = winsim("run", "select-echo", "--clients", "2", "--messages", "3", "--size", "100");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("result          OK: 600 of 600 bytes echoed and verified"), o.out());
        assertTrue(o.out().contains("virtual time"));
        assertTrue(o.out().contains("context switch"));
        assertEquals("", o.err());
    }

    @Test
    void aFailedRunExitsOne() {
        Outcome o = winsim("run", "blocking-echo", "--clients", "40", "--messages", "50", "--address-space", "64");
        assertEquals(1, o.code());
        assertTrue(o.out().contains("result          FAILED"), o.out());
        assertTrue(o.out().contains("  server: CreateThread failed: ERROR_NOT_ENOUGH_MEMORY"), o.out());
    }

    @Test
    void badUsageIsOneLineAndExitTwo() {
        for (String[] args : List.of(
                new String[] {"run", "no-such"},
                new String[] {"run", "select-echo", "--clients", "many"},
                new String[] {"run", "select-echo", "--clients", "0"},
                new String[] {"run", "select-echo", "--bogus"},
                new String[] {"run", "select-echo", "--profile", "bsd"},
                new String[] {"run", "select-echo", "--format", "xml"},
                new String[] {"run"},
                new String[] {"frobnicate"},
                new String[] {})) {
            Outcome o = winsim(args);
            assertEquals(2, o.code(), String.join(" ", args));
            assertEquals(1, o.err().lines().count(), "one line for " + String.join(" ", args) + ": " + o.err());
            assertTrue(!o.err().contains("Exception") && !o.err().contains("\tat "), o.err());
        }
        assertEquals("winsim run: unknown scenario 'no-such' (see 'winsim list')\n", winsim("run", "no-such").err());
    }

    @Test
    void scriptExitCodes(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.wss");
        Files.writeString(good, "s = socket AF_INET SOCK_STREAM IPPROTO_TCP\nclosesocket s => 0\n");
        Path bad = dir.resolve("bad.wss");
        Files.writeString(bad, "s = socket AF_INET SOCK_STREAM IPPROTO_TCP\nclosesocket s => 1\n");
        Path broken = dir.resolve("broken.wss");
        Files.writeString(broken, "s = socket AF_INET SOCK_STREAM\n");
        Outcome ok = winsim("script", good.toString());
        assertEquals(0, ok.code(), ok.out() + ok.err());
        assertTrue(ok.out().contains("   2  closesocket s => 0") && ok.out().contains("ok"), ok.out());
        assertTrue(ok.out().endsWith("1 scripts: 1 passed, 0 failed\n"), ok.out());
        Outcome mismatch = winsim("script", good.toString(), bad.toString());
        assertEquals(1, mismatch.code());
        assertTrue(mismatch.out().contains("MISMATCH expected 1 got 0"), mismatch.out());
        Outcome unparsable = winsim("script", good.toString(), broken.toString());
        assertEquals(2, unparsable.code());
        assertEquals("", unparsable.out(), "nothing runs when a file cannot be parsed");
        assertEquals("winsim script: " + broken + ":1:31: expected a protocol (the line ends too early)\n", unparsable.err());
        assertEquals(2, winsim("script", dir.resolve("missing.wss").toString()).code());
    }

    @Test
    void unwritableTraceFileIsAUsageErrorWithItsReason(@TempDir Path dir) {
        Outcome o = winsim("run", "select-echo", "--trace", "/nonexistent-dir/t.txt");
        assertEquals(new Outcome(2, "", "winsim run: cannot write the trace to /nonexistent-dir/t.txt: no such directory\n"), o);
        Outcome d = winsim("run", "select-echo", "--trace", dir.toString());
        assertEquals(new Outcome(2, "", "winsim run: cannot write the trace to " + dir + ": it is a directory\n"), d);
    }

    @Test
    void helpOnEveryCommand() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"run", "--help"}, new String[] {"list", "--help"},
                new String[] {"script", "--help"}, new String[] {"compare", "--help"}, new String[] {"help", "run"},
                new String[] {"help", "compare"}, new String[] {"help", "test"}, new String[] {"help"})) {
            Outcome o = winsim(args);
            assertEquals(0, o.code());
            assertTrue(o.out().startsWith("Usage: winsim"), o.out());
        }
        assertTrue(winsim("help", "run").out().startsWith("Usage: winsim run "), "help CMD is CMD's help");
    }

    @Test
    void textTracesAreByteIdenticalAcrossRuns(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.txt");
        Path b = dir.resolve("b.txt");
        assertEquals(0, winsim("run", "blocking-echo", "--seed", "5", "--trace", a.toString()).code());
        assertEquals(0, winsim("run", "blocking-echo", "--seed", "5", "--trace", b.toString()).code());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        String text = Files.readString(a);
        assertTrue(text.contains(" CALL       fn=accept s=0x"), "API calls are traced");
        assertTrue(text.contains(" SEG        src=127.0.0.1:"), "segments are traced");
        assertTrue(text.contains(" WAKE "), "wake-ups are traced");
    }

    @Test
    void jsonlAndChromeTracesAreValidJson(@TempDir Path dir) throws Exception {
        Path jsonl = dir.resolve("t.jsonl");
        Path chrome = dir.resolve("t.json");
        assertEquals(0, winsim("run", "select-echo", "--trace", jsonl.toString(), "--format", "jsonl").code());
        assertEquals(0, winsim("run", "select-echo", "--trace", chrome.toString(), "--format", "chrome").code());
        JsonFactory f = new JsonFactory();
        for (String line : Files.readAllLines(jsonl)) {
            try (JsonParser p = f.createParser(line)) {
                assertEquals(JsonToken.START_OBJECT, p.nextToken());
                while (p.nextToken() != null) {
                    // reads to the end: throws on malformed JSON
                }
            }
        }
        List<String> metadata = new java.util.ArrayList<>();
        java.util.Map<String, java.util.Set<Integer>> pidsOfThread = new java.util.TreeMap<>();
        java.util.Map<Integer, String> threadName = new java.util.HashMap<>();
        List<java.util.Map<String, String>> all = chromeEvents(chrome);
        int events = all.size();
        for (java.util.Map<String, String> e : all) {
            int tid = Integer.parseInt(e.get("tid"));
            if (e.get("ph").equals("M")) {
                metadata.add(e.get("name") + " pid=" + e.get("pid") + " tid=" + tid + " " + e.get("args.name"));
                threadName.put(tid, e.get("args.name"));
            } else {
                pidsOfThread.computeIfAbsent(threadName.get(tid), k -> new java.util.TreeSet<>()).add(Integer.parseInt(e.get("pid")));
            }
        }
        assertTrue(events > 100, "events: " + events);
        assertEquals(List.of(
                "process_name pid=1 tid=1 server", "thread_name pid=1 tid=1 server:main",
                "process_name pid=2 tid=2 client", "thread_name pid=2 tid=2 client:main",
                "process_name pid=0 tid=0 kernel / network", "thread_name pid=0 tid=0 kernel / network"), metadata,
                "one pid per simulated process, named by process_name metadata");
        assertEquals(java.util.Map.of("server:main", java.util.Set.of(1), "client:main", java.util.Set.of(2),
                "kernel / network", java.util.Set.of(0)), pidsOfThread, "every event of a thread carries its process's pid");
    }

    @Test
    void chromeTraceDrawsEachLinkStepAsAFlowBoundToSlices(@TempDir Path dir) throws Exception {
        Path text = dir.resolve("t.txt");
        Path chrome = dir.resolve("t.json");
        assertEquals(0, winsim("run", "iocp-echo", "--clients", "2", "--messages", "2", "--trace", text.toString()).code());
        assertEquals(0, winsim("run", "iocp-echo", "--clients", "2", "--messages", "2", "--trace", chrome.toString(), "--format", "chrome").code());
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        int steps = 0;
        for (String line : Files.readAllLines(text)) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(" link=([a-z0-9,]+)").matcher(line);
            if (m.find()) {
                for (String id : m.group(1).split(",")) {
                    if (seen.merge(id, 1, Integer::sum) > 1) {
                        steps++;
                    }
                }
            }
        }
        java.util.Set<String> slices = new java.util.HashSet<>();
        java.util.Map<String, String> starts = new java.util.HashMap<>();
        java.util.Map<String, String> finishes = new java.util.HashMap<>();
        for (java.util.Map<String, String> e : chromeEvents(chrome)) {
            String at = e.get("pid") + "/" + e.get("tid") + "@" + e.get("ts");
            switch (e.get("ph")) {
                case "X" -> slices.add(at);
                case "s" -> starts.put(e.get("id"), at);
                case "f" -> {
                    assertEquals("e", e.get("bp"));
                    finishes.put(e.get("id"), at);
                }
                default -> { }
            }
        }
        assertEquals(10, steps, "iocp-echo links each packet to the worker that takes it");
        assertEquals(steps, starts.size(), "a flow for each step from one record of a link id to the next");
        assertEquals(starts.keySet(), finishes.keySet(), "every flow that starts finishes");
        for (String id : starts.keySet()) {
            assertTrue(slices.contains(starts.get(id)) && slices.contains(finishes.get(id)), "flow " + id + " binds to slices at both ends");
        }
    }

    @Test
    void chromeTraceGivesLinkedRecordsOfOneThreadAtOneNanosecondSlicesOfTheirOwn(@TempDir Path dir) throws Exception {
        // A thread posts two messages and takes both, all at t = 5 us: four 1 ns linked slices 2 ns apart in
        // trace order, so each flow binds to its own records and no two slices share a start.
        Path chrome = dir.resolve("t.json");
        try (java.io.Writer out = Files.newBufferedWriter(chrome)) {
            var w = new org.winsim.scenarios.trace.ChromeTraceWriter(out);
            long seq = 0;
            w.accept(new org.winsim.sim.trace.TraceRecord(++seq, 5_000, 3, "app:main", "MSG", "posted", "WM_USER", "link", "m1"));
            w.accept(new org.winsim.sim.trace.TraceRecord(++seq, 5_000, 3, "app:main", "MSG", "posted", "WM_USER+1", "link", "m2"));
            w.accept(new org.winsim.sim.trace.TraceRecord(++seq, 5_000, 3, "app:main", "RET", "fn", "GetMessage", "link", "m1"));
            w.accept(new org.winsim.sim.trace.TraceRecord(++seq, 5_000, 3, "app:main", "RET", "fn", "GetMessage", "link", "m2"));
            w.accept(new org.winsim.sim.trace.TraceRecord(++seq, 7_000, 3, "app:main", "RET", "fn", "GetMessage", "link", "m3"));
            w.finish();
        }
        List<String> slices = new java.util.ArrayList<>();
        java.util.Map<String, String> flowEnds = new java.util.TreeMap<>();
        for (java.util.Map<String, String> e : chromeEvents(chrome)) {
            switch (e.get("ph")) {
                case "X" -> slices.add(e.get("name") + "@" + e.get("ts"));
                case "s" -> flowEnds.merge(e.get("name"), "from " + e.get("ts"), (a, b) -> a + " " + b);
                case "f" -> flowEnds.merge(e.get("name"), "to " + e.get("ts"), (a, b) -> a + " " + b);
                default -> { }
            }
        }
        assertEquals(List.of("MSG@5.0", "MSG@5.002", "RET GetMessage@5.004", "RET GetMessage@5.006", "RET GetMessage@7.0"), slices);
        assertEquals(java.util.Map.of("m1", "from 5.0 to 5.004", "m2", "from 5.002 to 5.006"), flowEnds);
    }

    /** The events of a Chrome trace, each as its fields ({@code args.x} for a field of args). */
    static List<java.util.Map<String, String>> chromeEvents(Path file) throws Exception {
        List<java.util.Map<String, String>> events = new java.util.ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(file.toFile())) {
            while (p.nextToken() != null) {
                if (p.currentToken() == JsonToken.FIELD_NAME && p.currentName().equals("traceEvents")) {
                    p.nextToken();
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        java.util.Map<String, String> e = new java.util.HashMap<>();
                        String prefix = "";
                        int depth = 1;
                        while (depth > 0) {
                            JsonToken t = p.nextToken();
                            if (t == JsonToken.START_OBJECT) {
                                depth++;
                            } else if (t == JsonToken.END_OBJECT) {
                                depth--;
                                prefix = "";
                            } else if (t == JsonToken.FIELD_NAME) {
                                String name = p.currentName();
                                if (p.nextToken() == JsonToken.START_OBJECT) {
                                    depth++;
                                    prefix = name + ".";
                                } else {
                                    e.put(prefix + name, p.getText());
                                }
                            }
                        }
                        events.add(e);
                    }
                }
            }
        }
        return events;
    }
}
