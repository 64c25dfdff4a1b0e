package org.winsim.properties;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.winsim.scenarios.script.Script;
import org.winsim.scenarios.script.ScriptParser;
import org.winsim.scenarios.script.ScriptReport;
import org.winsim.scenarios.script.ScriptSyntaxError;
import org.winsim.scenarios.script.SimScriptRunner;

/**
 * Random input to the script parser: byte strings, and token sequences drawn from the language's own
 * vocabulary. The parser either returns a script or throws a ScriptSyntaxError whose line and column
 * lie in the text, never anything else and never a hang; a script that parses runs on the simulator
 * without crashing it.
 */
class ScriptParserProperties {
    private static final List<String> VOCABULARY = List.of("s", "l", "c", "a", "r", "x", "=", "=>", ":", "r:", "{", "}", ",",
            "\"", "\"hi\"", "\"a\\x41\"", "\\", "#", "socket", "bind", "listen", "accept", "connect", "send", "recv",
            "select", "closesocket", "shutdown", "ioctlsocket", "setsockopt", "getsockopt", "getsockname", "getpeername",
            "spawn", "join", "wait", "profile", "seed", "startup", "windows", "linux", "on", "off", "AF_INET",
            "SOCK_STREAM", "IPPROTO_TCP", "SOCKET_ERROR", "INVALID_SOCKET", "PENDING", "WSAEWOULDBLOCK", "FIONBIO",
            "FIONREAD", "SO_LINGER", "SO_RCVBUF", "SD_SEND", "MSG_PEEK", "NULL", "len=0", "read={s}", "write={c,s}",
            "timeout=0", "127.0.0.1:0", "127.0.0.1:*", "10.0.0.1:5150", "999.1.1.1:1", "0", "1", "5", "-1", "0x10",
            "99999999999999999999", "10ms", "3us", "1s", "*", "\n", "\n", "\n", "\t", "é", "\u0000",
            "e", "t", "t:", "apc1", "self", "main", "CreateEvent", "SetEvent", "ResetEvent", "CloseHandle", "WaitForSingleObject",
            "WaitForSingleObjectEx", "WaitForMultipleObjects", "WaitForMultipleObjectsEx", "SleepEx", "QueueUserAPC", "GetLastError",
            "calls", "TRUE", "FALSE", "INFINITE", "WAIT_OBJECT_0", "WAIT_OBJECT_0+1", "WAIT_TIMEOUT", "WAIT_IO_COMPLETION",
            "WAIT_FAILED", "ERROR_INVALID_HANDLE", "{e,e}", "{e,t}", "data=7", "data={1,2}", "thread={main}", "order=1",
            "read={s,s}", "2147483647", "67108864", "\uFEFF", "x".repeat(80));

    @TestFactory
    Stream<DynamicTest> randomBytesNeverCrashTheParser() {
        return GeneratedCases.cases("parser on random bytes", 300, seed -> () -> {
            SplittableRandom r = new SplittableRandom(seed);
            byte[] b = new byte[r.nextInt(0, 400)];
            r.nextBytes(b);
            check(new String(b, StandardCharsets.UTF_8), false);
            checkBytes(b);
        });
    }

    @TestFactory
    Stream<DynamicTest> randomTokenSequencesNeverCrashTheParser() {
        return GeneratedCases.cases("parser on random tokens", 500, seed -> () -> {
            SplittableRandom r = new SplittableRandom(seed);
            StringBuilder text = new StringBuilder(r.nextBoolean() ? "s = socket AF_INET SOCK_STREAM IPPROTO_TCP\n"
                    : "s = socket AF_INET SOCK_STREAM IPPROTO_TCP\ne = CreateEvent TRUE FALSE\nspawn t: SleepEx 5 TRUE\n");
            int n = r.nextInt(1, 40);
            for (int i = 0; i < n; i++) {
                text.append(VOCABULARY.get(r.nextInt(VOCABULARY.size())));
                text.append(r.nextInt(4) == 0 ? "" : " ");
            }
            check(text.toString(), true);
        });
    }

    /** Raw bytes, undecodable ones included: a script, or an error naming a line and column in the decodable prefix. */
    private static void checkBytes(byte[] b) {
        try {
            ScriptParser.parse("random.wss", b);
        } catch (ScriptSyntaxError e) {
            assertTrue(e.line() >= 1 && e.column() >= 1 && !e.getMessage().isBlank(), e.toString());
        }
    }

    private static void check(String text, boolean runIfParsed) {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            Script script;
            try {
                script = ScriptParser.parse("random.wss", text);
            } catch (ScriptSyntaxError e) {
                String[] lines = text.split("\r?\n", -1);
                assertTrue(e.line() >= 1 && e.line() <= lines.length, "line " + e.line() + " of " + lines.length);
                assertTrue(e.column() >= 1 && e.column() <= lines[e.line() - 1].length() + 1,
                        "column " + e.column() + " of a line of " + lines[e.line() - 1].length());
                assertTrue(!e.getMessage().isBlank());
                return;
            }
            if (runIfParsed) {
                ScriptReport report = SimScriptRunner.run(script, null, List.of());
                assertTrue(report.stop() == null || report.stop().kind() != ScriptReport.Stop.Kind.CRASHED,
                        "the interpreter or the model crashed: " + report.stopped());
            }
        }, () -> "parsing or running took too long: " + text);
    }
}
