package org.winsim.winsock.sim;

import org.apache.commons.math3.random.RandomGenerator;
import org.winsim.sim.Durations;
import org.winsim.sim.Simulation;
import org.winsim.winsock.api.NTSTATUS;
import org.winsim.winsock.api.WsaError;

/**
 * Windows short of resources, as a fault plan injects it: a send, WSASend, accept or AcceptEx that fails
 * with WSAENOBUFS at the call ({@code enobufs=P}), a pending overlapped WSARecv or WSASend that completes with
 * STATUS_INSUFFICIENT_RESOURCES instead of its data ({@code io-error=P}), CreateThread failing with
 * ERROR_NOT_ENOUGH_MEMORY ({@code thread-fail=P}), and a post that finds the message queue full
 * ({@code queue-full=P}: PostMessage fails with ERROR_NOT_ENOUGH_QUOTA, a WSAAsyncSelect notification is
 * lost). Each decides from its own named random stream, and each injection is a FAULT record. (The
 * other shortage, a send that takes only part of its bytes, is {@link PartialSends}.)
 */
final class ResourceFaults {
    /** The longest a pending operation stays pending before an injected {@code io-error} completes it. */
    static final long IO_ERROR_WITHIN = Durations.millis(1);

    private final Simulation sim;
    private final double noBuffers;
    private final double ioError;
    private final double threadFail;
    private final double queueFull;

    ResourceFaults(Simulation sim, double noBuffers, double ioError, double threadFail, double queueFull) {
        this.sim = sim;
        this.noBuffers = noBuffers;
        this.ioError = ioError;
        this.threadFail = threadFail;
        this.queueFull = queueFull;
    }

    /** Fails the call {@code fn} on {@code s} with WSAENOBUFS, before it takes anything, when the plan says so. */
    static void noBuffers(SimSocket s, String fn) {
        ResourceFaults f = s.process.world.resources;
        if (f != null && f.noBuffers > 0 && f.sim.random().stream("win.enobufs").nextDouble() < f.noBuffers) {
            if (f.sim.trace().enabled()) {
                f.sim.trace("FAULT", "kind", "enobufs", "call", fn, "s", "0x" + Long.toHexString(s.handle));
            }
            throw WsaFailure.of(WsaError.WSAENOBUFS);
        }
    }

    /**
     * A WSARecv or WSASend just went pending: when the plan says so, it completes with STATUS_INSUFFICIENT_RESOURCES
     * (WSAENOBUFS, ERROR_NO_SYSTEM_RESOURCES) after a drawn time, unless it has completed by then.
     */
    static void maybeFailLater(SimProcess process, IoRequest r) {
        ResourceFaults f = process.world.resources;
        if (f == null || f.ioError == 0 || r.kind != IoRequest.Kind.RECV && r.kind != IoRequest.Kind.SEND) {
            return; // a connect, accept or disconnect has its own half-done state in TCP: not injected there
        }
        RandomGenerator stream = f.sim.random().stream("win.io-error");
        if (stream.nextDouble() >= f.ioError) {
            return;
        }
        f.sim.schedule((long) (stream.nextDouble() * IO_ERROR_WITHIN), () -> {
            if (r.complete) {
                return;
            }
            if (f.sim.trace().enabled()) {
                f.sim.trace("FAULT", "kind", "io-error", "request", r.toString(), "status", NTSTATUS.STATUS_INSUFFICIENT_RESOURCES.name());
            }
            r.leaveQueue();
            r.fail(NTSTATUS.STATUS_INSUFFICIENT_RESOURCES);
        });
    }

    /** Whether CreateThread in {@code world} fails for want of memory this time. */
    static boolean threadFails(SimWorld world) {
        ResourceFaults f = world.resources;
        if (f == null || f.threadFail == 0 || f.sim.random().stream("win.thread-fail").nextDouble() >= f.threadFail) {
            return false;
        }
        f.sim.trace("FAULT", "kind", "thread-fail");
        return true;
    }

    /** Whether a post to a message queue finds it full this time. */
    boolean queueFull() {
        if (queueFull == 0 || sim.random().stream("win.queue-full").nextDouble() >= queueFull) {
            return false;
        }
        sim.trace("FAULT", "kind", "queue-full");
        return true;
    }
}
