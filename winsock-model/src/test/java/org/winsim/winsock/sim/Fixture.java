package org.winsim.winsock.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.winsim.winsock.api.Winsock.AF_INET;
import static org.winsim.winsock.api.Winsock.IPPROTO_TCP;
import static org.winsim.winsock.api.Winsock.SOCK_STREAM;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.winsim.sim.RunResult;
import org.winsim.sim.SimulationConfig;
import org.winsim.sim.trace.TraceRecord;
import org.winsim.sim.trace.TraceSink;
import org.winsim.winsock.api.Structs;
import org.winsim.winsock.api.WSADATA;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.api.sockaddr_in;
import org.winsim.winsock.sim.net.Host;
import org.winsim.winsock.sim.net.LinkSpec;

/** Runs a test body as the main thread of one process on a one-host world, and builds connected pairs. */
final class Fixture {
    private Fixture() {
    }

    /** Runs {@code body} after WSAStartup under the windows profile; fails the test on any finding. */
    static RunResult run(Consumer<Win32> body) {
        return run(OsProfile.WINDOWS, body);
    }

    static RunResult run(OsProfile profile, Consumer<Win32> body) {
        return run(profile, LinkSpec.LOOPBACK, body, null);
    }

    /**
     * Runs like {@link #run(OsProfile, Consumer)} and returns each TCP state change of the run, as
     * {@code "SECONDS local>remote FROM>TO"} with the virtual time in whole seconds.
     */
    static List<String> stateChanges(OsProfile profile, LinkSpec loopback, Consumer<Win32> body) {
        List<String> changes = new ArrayList<>();
        run(profile, loopback, body, rec -> {
            if (rec.kind().equals("STATE") && rec.fieldCount() == 3) {
                changes.add(rec.time() / 1_000_000_000L + "s " + rec.fieldValue(0) + " " + rec.fieldValue(1) + ">" + rec.fieldValue(2));
            }
        });
        return changes;
    }

    /** Runs like {@link #run(Consumer)} with a fault plan applied to the world; returns each trace record as {@code KIND name=value…}. */
    static List<String> runWithFaults(FaultPlan plan, Consumer<Win32> body) {
        List<String> records = new ArrayList<>();
        RunResult r = runRaw(OsProfile.WINDOWS, LinkSpec.LOOPBACK, rec -> {
            StringBuilder b = new StringBuilder(rec.kind());
            for (int i = 0; i < rec.fieldCount(); i++) {
                b.append(' ').append(rec.fieldName(i)).append('=').append(rec.fieldValue(i));
            }
            records.add(b.toString());
        }, plan, w -> {
            assertEquals(0, w.WSAStartup(Winsock.WINSOCK_VERSION, new WSADATA()));
            body.accept(w);
        });
        if (r.finding() != null) {
            fail(r.finding().describe(), r.finding().cause());
        }
        return records;
    }

    /** Runs like {@link #run(Consumer)} and returns the run's trace records. */
    static List<TraceRecord> traced(Consumer<Win32> body) {
        List<TraceRecord> records = new ArrayList<>();
        run(OsProfile.WINDOWS, LinkSpec.LOOPBACK, body, records::add);
        return records;
    }

    private static RunResult run(OsProfile profile, LinkSpec loopback, Consumer<Win32> body, TraceSink sink) {
        RunResult r = runRaw(profile, loopback, sink, FaultPlan.NONE, w -> {
            assertEquals(0, w.WSAStartup(Winsock.WINSOCK_VERSION, new WSADATA()));
            body.accept(w);
        });
        if (r.finding() != null) {
            fail(r.finding().describe(), r.finding().cause());
        }
        return r;
    }

    /**
     * Runs {@code body} as-is (no WSAStartup) and returns the result, findings included, except one:
     * an assertion that failed inside any simulated thread fails the test here, so no test can pass
     * while its own check failed in the simulation.
     */
    static RunResult runRaw(OsProfile profile, Consumer<Win32> body) {
        return runRaw(profile, LinkSpec.LOOPBACK, null, FaultPlan.NONE, body);
    }

    private static RunResult runRaw(OsProfile profile, LinkSpec loopback, TraceSink sink, FaultPlan plan, Consumer<Win32> body) {
        SimWorld world = new SimWorld(SimulationConfig.DEFAULT, profile);
        plan.applyTo(world);
        if (sink != null) {
            world.simulation().trace().addSink(sink);
        }
        Host h = world.addHost("host", "10.0.0.1", loopback);
        world.startProcess(h, "test", false, w -> {
            body.accept(w);
            return 0;
        });
        RunResult r = world.run();
        if (r.finding() != null && r.finding().cause() instanceof AssertionError a) {
            throw a;
        }
        return r;
    }

    static long tcp(Win32 w) {
        long s = w.socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        if (s == Winsock.INVALID_SOCKET) {
            throw new AssertionError("socket failed: " + w.WSAGetLastError());
        }
        return s;
    }

    /** A listener bound to 127.0.0.1 on an ephemeral port; returns its handle. */
    static long listener(Win32 w, int backlog) {
        long l = tcp(w);
        assertEquals(0, w.bind(l, sockaddr_in.of("127.0.0.1", 0), 16));
        assertEquals(0, w.listen(l, backlog));
        return l;
    }

    static sockaddr_in nameOf(Win32 w, long s) {
        sockaddr_in a = new sockaddr_in();
        assertEquals(0, w.getsockname(s, a, new int[] {16}));
        return a;
    }

    /** A connected loopback pair: listener, connector and accepted socket, all blocking. */
    record Pair(long listener, long client, long server) {
    }

    static Pair pair(Win32 w) {
        long l = listener(w, 5);
        long c = tcp(w);
        assertEquals(0, w.connect(c, nameOf(w, l), 16));
        long a = w.accept(l, null, null);
        if (a == Winsock.INVALID_SOCKET) {
            throw new AssertionError("accept failed: " + w.WSAGetLastError());
        }
        return new Pair(l, c, a);
    }

    static byte[] pattern(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    /** A buffer 0xdeadbeef until a call writes it, so a test sees which bytes a call wrote. */
    static final int DEADBEEF = 0xdeadbeef;

    /**
     * getsockopt with length {@code len} into an 8-byte buffer holding 0xdeadbeef:
     * {result, the first 4 bytes after it, the length it reported}.
     */
    static int[] readOption(Win32 w, long s, int level, int opt, int len) {
        byte[] v = new byte[8];
        System.arraycopy(Structs.int32(DEADBEEF), 0, v, 0, 4);
        int[] lenp = {len};
        int r = w.getsockopt(s, level, opt, v, lenp);
        return new int[] {r, Structs.int32(v), lenp[0]};
    }

    /**
     * A 4-byte option of IPPROTO_TCP or IPPROTO_IP given 1 or 2 bytes (Wine's {0, 0, 4} rows): WSAEFAULT both
     * ways, the getsockopt buffer left alone and its length set to 0.
     */
    static void assertNeedsFourBytes(Win32 w, long s, int level, int opt, String name) {
        for (int len : new int[] {1, 2}) {
            assertFails(w, w.setsockopt(s, level, opt, Structs.int32(1), len), WsaError.WSAEFAULT, name);
            int[] g = readOption(w, s, level, opt, len);
            assertEquals(-1, g[0]);
            assertEquals(WsaError.WSAEFAULT.code, w.WSAGetLastError());
            assertEquals(DEADBEEF, g[1], name + ": the buffer is left alone");
            assertEquals(0, g[2], name + ": the length is set to 0");
        }
    }

    /** An 8-byte option value, 0xffffffff00000001 little-endian: 1 to whoever reads only its first 4 bytes. */
    static byte[] wideOne() {
        return java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(0xffffffff00000001L).array();
    }

    /** Asserts a call failed with SOCKET_ERROR (or INVALID_SOCKET) and the given last error. */
    static void assertFails(Win32 w, long result, org.winsim.winsock.api.WsaError expected) {
        assertFails(w, result, expected, "");
    }

    static void assertFails(Win32 w, long result, org.winsim.winsock.api.WsaError expected, String why) {
        assertEquals(-1, result, "expected failure with " + expected + " " + why);
        assertEquals(expected.code, w.WSAGetLastError(), expected.name() + " expected, got "
                + org.winsim.winsock.api.WsaError.nameOf(w.WSAGetLastError()) + " " + why);
    }

    /** RST-closes a socket: SO_LINGER on with a zero timeout, then closesocket. */
    static void rstClose(Win32 w, long s) {
        assertEquals(0, w.setsockopt(s, Winsock.SOL_SOCKET, Winsock.SO_LINGER, new org.winsim.winsock.api.linger(1, 0)));
        assertEquals(0, w.closesocket(s));
    }
}
