package org.winsim.properties;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.winsim.sim.RunResult;
import org.winsim.sim.SimulationConfig;
import org.winsim.winsock.api.NTSTATUS;
import org.winsim.winsock.api.WSABUF;
import org.winsim.winsock.api.WSADATA;
import org.winsim.winsock.api.WSAOVERLAPPED;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.WinBase;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;
import org.winsim.winsock.api.sockaddr_in;
import org.winsim.winsock.sim.OsProfile;
import org.winsim.winsock.sim.SimWorld;

/**
 * One generated sequence of overlapped operations on a connected pair: WSASends of random buffer
 * counts and sizes on one end, WSARecvs (several pending at once, random buffers, each notified by an
 * event, a completion routine or nothing) on the other, alertable sleeps, and at random points a
 * CancelIoEx or a closesocket. It records every completion it sees, then checks: each request
 * completed exactly once (also those cut off by a close), and the bytes the receives report are the
 * sender's stream, in order, each once.
 */
final class OverlappedCase {
    final long seed;
    private final SplittableRandom r;
    private final int steps;
    private final int maxPending;
    private String problem;

    /** One posted operation and what was seen of its completion. */
    private static final class Op {
        final boolean receive;
        final WSAOVERLAPPED ov;
        final WSABUF[] bufs;
        final int length;
        final int mode; // 0 event, 1 routine, 2 none
        int routineCalls;
        int routineBytes;

        Op(boolean receive, WSAOVERLAPPED ov, WSABUF[] bufs, int mode) {
            this.receive = receive;
            this.ov = ov;
            this.bufs = bufs;
            this.length = WSABUF.total(bufs, bufs.length);
            this.mode = mode;
        }
    }

    OverlappedCase(long seed) {
        this.seed = seed;
        this.r = new SplittableRandom(seed);
        this.steps = r.nextInt(5, 120);
        this.maxPending = r.nextInt(1, 5);
    }

    static byte pattern(long pos) {
        return (byte) (pos * 31 + (pos >>> 7) * 17 + 5);
    }

    /** Runs the case; null when every check held, else what failed. */
    String run() {
        SimWorld world = new SimWorld(SimulationConfig.DEFAULT.withSeed(seed), OsProfile.WINDOWS);
        world.startProcess(world.addHost("host", "10.0.0.1"), "case", false, this::body);
        RunResult rr = world.run();
        if (rr.finding() != null) {
            return rr.finding().describe();
        }
        return problem;
    }

    private int body(Win32 w) {
        w.WSAStartup(Winsock.WINSOCK_VERSION, new WSADATA());
        long l = w.socket(Winsock.AF_INET, Winsock.SOCK_STREAM, Winsock.IPPROTO_TCP);
        w.bind(l, sockaddr_in.of("127.0.0.1", 0), 16);
        w.listen(l, 5);
        sockaddr_in name = new sockaddr_in();
        w.getsockname(l, name, new int[] {16});
        long c = w.socket(Winsock.AF_INET, Winsock.SOCK_STREAM, Winsock.IPPROTO_TCP);
        w.connect(c, name, 16);
        long a = w.accept(l, null, null);
        if (r.nextBoolean()) {
            w.setsockopt(c, Winsock.SOL_SOCKET, Winsock.SO_SNDBUF, r.nextInt(0, 20_000));
        }
        List<Op> sends = new ArrayList<>();
        List<Op> recvs = new ArrayList<>();
        Map<WSAOVERLAPPED, Op> byOv = new IdentityHashMap<>();
        long issued = 0;
        boolean cOpen = true;
        boolean aOpen = true;
        for (int step = 0; step < steps; step++) {
            int choice = r.nextInt(100);
            if (choice < 35 && cOpen) {
                Op op = new Op(false, new WSAOVERLAPPED(), buffers(true, issued), r.nextInt(3));
                issued += op.length;
                post(w, c, op, byOv, sends);
            } else if (choice < 70 && aOpen && pending(recvs) < maxPending) {
                post(w, a, new Op(true, new WSAOVERLAPPED(), buffers(false, 0), r.nextInt(3)), byOv, recvs);
            } else if (choice < 92) {
                w.SleepEx(r.nextInt(0, 3), true);
            } else if (choice < 97 && aOpen && pending(recvs) > 0) {
                List<Op> p = recvs.stream().filter(o -> o.ov.Internal == NTSTATUS.STATUS_PENDING.value).toList();
                w.CancelIoEx(a, p.get(r.nextInt(p.size())).ov);
            } else if (r.nextBoolean() && aOpen) {
                w.closesocket(a);
                aOpen = false;
            } else if (cOpen) {
                w.closesocket(c);
                cOpen = false;
            }
        }
        if (cOpen) {
            w.shutdown(c, Winsock.SD_SEND);
        }
        // Drain: receive until the end of the stream (or the receiving end is gone), running every routine.
        for (int i = 0; i < 10_000 && aOpen && !endOfStream(recvs); i++) {
            if (pending(recvs) == 0) {
                post(w, a, new Op(true, new WSAOVERLAPPED(), buffers(false, 0), r.nextInt(3)), byOv, recvs);
            }
            w.SleepEx(1, true);
        }
        for (int i = 0; i < 100 && (pending(sends) > 0 || pending(recvs) > 0); i++) {
            w.SleepEx(1, true);
        }
        if (cOpen) {
            w.closesocket(c);
        }
        if (aOpen) {
            w.closesocket(a);
        }
        w.SleepEx(0, true); // completions delivered by the closes run their routines
        check(sends, recvs, aOpen);
        return 0;
    }

    private static boolean endOfStream(List<Op> recvs) {
        return recvs.stream().anyMatch(o -> o.ov.Internal != NTSTATUS.STATUS_PENDING.value && o.ov.InternalHigh == 0
                && NTSTATUS.succeeded(o.ov.Internal) && o.length > 0);
    }

    private static int pending(List<Op> ops) {
        return (int) ops.stream().filter(o -> o.ov.Internal == NTSTATUS.STATUS_PENDING.value).count();
    }

    private WSABUF[] buffers(boolean fill, long from) {
        WSABUF[] b = new WSABUF[r.nextInt(1, 5)];
        long pos = from;
        for (int i = 0; i < b.length; i++) {
            byte[] data = new byte[r.nextInt(1, 4000)];
            int off = r.nextInt(0, 3);
            byte[] arr = new byte[data.length + off + r.nextInt(0, 3)];
            if (fill) {
                for (int k = 0; k < data.length; k++) {
                    arr[off + k] = pattern(pos++);
                }
            }
            b[i] = new WSABUF(arr, off, data.length);
        }
        return b;
    }

    private void post(Win32 w, long s, Op op, Map<WSAOVERLAPPED, Op> byOv, List<Op> list) {
        if (op.mode == 0) {
            op.ov.hEvent = w.CreateEvent(null, true, false, null);
        }
        byOv.put(op.ov, op);
        int[] n = {0};
        int ret = op.receive
                ? w.WSARecv(s, op.bufs, op.bufs.length, n, new int[1], op.ov, op.mode == 1 ? (e, bytes, ov, f) -> routine(byOv, ov, bytes) : null)
                : w.WSASend(s, op.bufs, op.bufs.length, n, 0, op.ov, op.mode == 1 ? (e, bytes, ov, f) -> routine(byOv, ov, bytes) : null);
        if (ret != 0 && w.WSAGetLastError() != WsaError.WSA_IO_PENDING.code) {
            return; // failed at once (the connection is gone): nothing was posted, nothing will complete
        }
        if (ret == 0 && n[0] != op.ov.InternalHigh) {
            fail("an operation that completed at once reported " + n[0] + " bytes but its OVERLAPPED says " + op.ov.InternalHigh);
        }
        list.add(op);
    }

    private void routine(Map<WSAOVERLAPPED, Op> byOv, WSAOVERLAPPED ov, int bytes) {
        Op op = byOv.get(ov);
        op.routineCalls++;
        op.routineBytes = bytes;
    }

    private void fail(String what) {
        if (problem == null) {
            problem = what;
        }
    }

    private void check(List<Op> sends, List<Op> recvs, boolean receiverLasted) {
        long stream = 0; // the bytes the sends put into the stream: whole ones, then the part of the first that failed
        boolean cut = false;
        for (Op op : sends) {
            complete(op);
            if (!cut) {
                stream += op.ov.InternalHigh;
                cut = !NTSTATUS.succeeded(op.ov.Internal) || op.ov.InternalHigh < op.length;
            }
        }
        long received = 0;
        for (Op op : recvs) { // receives complete in the order posted: their bytes, in that order, are the stream
            complete(op);
            if (!NTSTATUS.succeeded(op.ov.Internal)) {
                if (op.ov.InternalHigh != 0) {
                    fail("a failed receive reported " + op.ov.InternalHigh + " bytes");
                }
                continue;
            }
            byte[] got = WSABUF.gather(op.bufs, op.bufs.length);
            for (int i = 0; i < op.ov.InternalHigh; i++) {
                if (got[i] != pattern(received + i)) {
                    fail("byte " + (received + i) + " of the stream arrived wrong (lost or duplicated before it)");
                    return;
                }
            }
            received += op.ov.InternalHigh;
        }
        if (received > stream) {
            fail("received " + received + " bytes of a stream of " + stream);
        }
        if (receiverLasted && !cut && received != stream) {
            fail("the receiver drained to the end of the stream but got " + received + " of " + stream + " bytes");
        }
    }

    /** Each posted operation completed exactly once, and its notification says so. */
    private void complete(Op op) {
        if (op.ov.Internal == NTSTATUS.STATUS_PENDING.value) {
            fail("an operation never completed");
        } else if (op.mode == 1 && (op.routineCalls != 1 || op.routineBytes != op.ov.InternalHigh)) {
            fail("a completion routine ran " + op.routineCalls + " times");
        }
    }

    @Override
    public String toString() {
        return "seed=" + seed + " steps=" + steps + " maxPending=" + maxPending;
    }
}
