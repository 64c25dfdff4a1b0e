package org.winsim.properties;

import static org.winsim.winsock.api.Winsock.AF_INET;
import static org.winsim.winsock.api.Winsock.FIONBIO;
import static org.winsim.winsock.api.Winsock.INADDR_ANY;
import static org.winsim.winsock.api.Winsock.IPPROTO_TCP;
import static org.winsim.winsock.api.Winsock.SOCKET_ERROR;
import static org.winsim.winsock.api.Winsock.SOCK_STREAM;
import static org.winsim.winsock.api.Winsock.SOL_SOCKET;
import static org.winsim.winsock.api.Winsock.SO_RCVBUF;
import static org.winsim.winsock.api.Winsock.SO_SNDBUF;

import java.util.SplittableRandom;
import org.winsim.sim.Durations;
import org.winsim.sim.RunResult;
import org.winsim.sim.SimulationConfig;
import org.winsim.sim.trace.TraceDigest;
import org.winsim.winsock.api.WSADATA;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.api.fd_set;
import org.winsim.winsock.api.sockaddr_in;
import org.winsim.winsock.sim.net.Host;
import org.winsim.winsock.sim.net.LinkSpec;
import org.winsim.winsock.sim.FaultPlan;
import org.winsim.winsock.sim.OsProfile;
import org.winsim.winsock.sim.SimWorld;

/**
 * One generated transfer: a sender streams a pattern to a receiver over a generated link, with
 * generated buffer sizes, write and read sizes, modes and pauses, in both directions at once
 * (the receiver answers with a stream of its own). Both sides check every byte they receive.
 */
final class TransferCase {
    final long seed;
    final OsProfile profile;
    final boolean remote;
    final LinkSpec link;
    final int[] sndBuf = new int[2];
    final int[] rcvBuf = new int[2];
    final boolean[] nonBlocking = new boolean[2];
    final int[] total = new int[2];
    final int[] maxWrite = new int[2];
    final int[] maxRead = new int[2];
    final int[] pauseMicros = new int[2];
    final boolean closeInsteadOfShutdown;
    /** Faults injected into the run: none for the plain properties. */
    final FaultPlan plan;

    TransferCase(long seed) {
        this(seed, FaultPlan.NONE);
    }

    TransferCase(long seed, FaultPlan plan) {
        this.plan = plan;
        this.seed = seed;
        SplittableRandom r = new SplittableRandom(seed);
        profile = r.nextBoolean() ? OsProfile.WINDOWS : OsProfile.LINUX;
        remote = r.nextBoolean();
        link = new LinkSpec(r.nextLong(0, Durations.millis(2)), r.nextLong(100_000, 2_000_000_000L),
                r.nextInt(2) == 0 ? 1460 : r.nextInt(100, 65_496));
        for (int side = 0; side < 2; side++) {
            sndBuf[side] = r.nextInt(4) == 0 ? 0 : r.nextInt(1, 200_000);
            rcvBuf[side] = r.nextInt(1, 200_000);
            nonBlocking[side] = r.nextBoolean();
            total[side] = r.nextInt(4) == 0 ? 0 : r.nextInt(1, 300_000);
            maxWrite[side] = r.nextInt(1, 70_000);
            maxRead[side] = r.nextInt(1, 70_000);
            pauseMicros[side] = r.nextInt(3) == 0 ? r.nextInt(1, 2000) : 0;
        }
        closeInsteadOfShutdown = r.nextBoolean();
    }

    @Override
    public String toString() {
        return "profile=" + profile.name() + " remote=" + remote + " link=" + link + " sndBuf=" + sndBuf[0] + "/" + sndBuf[1]
                + " rcvBuf=" + rcvBuf[0] + "/" + rcvBuf[1] + " nonBlocking=" + nonBlocking[0] + "/" + nonBlocking[1]
                + " bytes=" + total[0] + "/" + total[1] + " maxWrite=" + maxWrite[0] + "/" + maxWrite[1]
                + " maxRead=" + maxRead[0] + "/" + maxRead[1] + " pause=" + pauseMicros[0] + "/" + pauseMicros[1] + "us"
                + " close=" + closeInsteadOfShutdown + " faults=" + plan;
    }

    static byte expected(int side, long pos) {
        return (byte) ((pos * 131 + side * 71 + (pos >>> 9)) & 0xff);
    }

    /** What a run produced: the bytes each side received intact, the first problem, and the trace digest. */
    record Outcome(long[] received, String problem, RunResult result, String digest) {
    }

    Outcome run() {
        SimWorld world = new SimWorld(SimulationConfig.DEFAULT.withSeed(seed), profile);
        plan.applyTo(world);
        Host a = world.addHost("a", "10.0.0.1");
        Host b = remote ? world.addHost("b", "10.0.0.2") : a;
        if (remote) {
            world.link(a, b, link);
        }
        TraceDigest digest = new TraceDigest();
        world.simulation().trace().addSink(digest);
        java.io.Writer traceFile = openTraceFile();
        if (traceFile != null) {
            world.simulation().trace().addSink(new org.winsim.sim.trace.TextTraceWriter(traceFile));
        }
        long[] received = new long[2];
        String[] problem = {null};
        sockaddr_in to = new sockaddr_in(AF_INET, remote ? a.address() : Winsock.INADDR_LOOPBACK, 7000);
        world.startProcess(a, "server", false, w -> {
            w.WSAStartup(Winsock.WINSOCK_VERSION, new WSADATA());
            long l = w.socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
            w.bind(l, new sockaddr_in(AF_INET, INADDR_ANY, 7000), 16);
            w.setsockopt(l, SOL_SOCKET, SO_RCVBUF, rcvBuf[1]);
            w.setsockopt(l, SOL_SOCKET, SO_SNDBUF, sndBuf[1]);
            w.listen(l, 5);
            long s = w.accept(l, null, null);
            w.closesocket(l);
            return converse(w, s, 1, received, problem);
        });
        world.startProcess(b, "client", false, w -> {
            w.WSAStartup(Winsock.WINSOCK_VERSION, new WSADATA());
            long s = w.socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
            w.setsockopt(s, SOL_SOCKET, SO_RCVBUF, rcvBuf[0]);
            w.setsockopt(s, SOL_SOCKET, SO_SNDBUF, sndBuf[0]);
            // Both processes start together: the server may not listen yet, so a refused connect is retried.
            int tries = 0;
            while (w.connect(s, to, 16) == SOCKET_ERROR) {
                if (w.WSAGetLastError() != WsaError.WSAECONNREFUSED.code || ++tries == 10) {
                    problem[0] = "connect: " + WsaError.nameOf(w.WSAGetLastError());
                    return 1;
                }
                w.Sleep(1);
            }
            return converse(w, s, 0, received, problem);
        });
        RunResult result = world.run();
        if (traceFile != null) {
            try {
                traceFile.close();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return new Outcome(received, problem[0], result, digest.hex());
    }

    /** With -Dwinsim.trace=FILE (and one case, by -Dwinsim.seed), the case writes its text trace there. */
    private static java.io.Writer openTraceFile() {
        String file = System.getProperty("winsim.trace");
        if (file == null) {
            return null;
        }
        try {
            return java.nio.file.Files.newBufferedWriter(java.nio.file.Path.of(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One side: a writer thread streams this side's pattern while this thread reads and checks the peer's. */
    private int converse(Win32 w, long s, int side, long[] received, String[] problem) {
        if (nonBlocking[side]) {
            w.ioctlsocket(s, FIONBIO, new int[] {1});
        }
        SplittableRandom r = new SplittableRandom(seed * 31 + side);
        long writer = w.CreateThread(null, 0, param -> write(w, s, side, new SplittableRandom(seed * 17 + side), problem),
                null, 0, null);
        byte[] buf = new byte[maxRead[side]];
        int peer = 1 - side;
        while (true) {
            int n = w.recv(s, buf, r.nextInt(1, buf.length + 1), 0);
            if (n == SOCKET_ERROR && w.WSAGetLastError() == WsaError.WSAEWOULDBLOCK.code) {
                waitFor(w, s, true);
                continue;
            }
            if (n == SOCKET_ERROR && w.WSAGetLastError() == WsaError.WSAESHUTDOWN.code && shutsBoth(side)) {
                break; // this side's writer shut down both directions: nothing more is to be read
            }
            if (n == SOCKET_ERROR) {
                note(problem, "side " + side + " recv: " + WsaError.nameOf(w.WSAGetLastError()));
                break;
            }
            if (n == 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                if (buf[i] != expected(peer, received[side] + i)) {
                    note(problem, "side " + side + " byte " + (received[side] + i) + " differs");
                    break;
                }
            }
            received[side] += n;
            if (pauseMicros[side] > 0) {
                w.Sleep(0);
                w.compute(Durations.micros(pauseMicros[side]));
            }
        }
        w.WaitForSingleObject(writer, -1);
        w.CloseHandle(writer);
        w.closesocket(s);
        w.WSACleanup();
        return 0;
    }

    private int write(Win32 w, long s, int side, SplittableRandom r, String[] problem) {
        byte[] buf = new byte[maxWrite[side]];
        long pos = 0;
        while (pos < total[side]) {
            int len = (int) Math.min(total[side] - pos, r.nextInt(1, buf.length + 1));
            for (int i = 0; i < len; i++) {
                buf[i] = expected(side, pos + i);
            }
            int n = w.send(s, buf, len, 0);
            if (n == SOCKET_ERROR && w.WSAGetLastError() == WsaError.WSAEWOULDBLOCK.code) {
                waitFor(w, s, false);
                continue;
            }
            if (n == SOCKET_ERROR) {
                note(problem, "side " + side + " send: " + WsaError.nameOf(w.WSAGetLastError()));
                return 1;
            }
            if (n <= 0 || n > len) {
                note(problem, "side " + side + " send returned " + n + " for " + len + " bytes");
                return 1;
            }
            pos += n;
        }
        if (shutsBoth(side)) {
            w.shutdown(s, Winsock.SD_BOTH);
        } else {
            w.shutdown(s, Winsock.SD_SEND);
        }
        return 0;
    }

    /** Whether this side ends with shutdown(SD_BOTH): the client, when the server sends it nothing. */
    private boolean shutsBoth(int side) {
        return closeInsteadOfShutdown && side == 0 && total[1] == 0;
    }

    private static void waitFor(Win32 w, long s, boolean read) {
        fd_set set = new fd_set();
        fd_set.FD_SET(s, set);
        w.select(0, read ? set : null, read ? null : set, null, null);
    }

    private static void note(String[] problem, String what) {
        if (problem[0] == null) {
            problem[0] = what;
        }
    }
}
