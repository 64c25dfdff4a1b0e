package org.winsim.winsock.sim.net;

/**
 * A connection's TIME_WAIT (2 MSL after the side that closed first saw both FINs), and that connection
 * as its host's port table sees it where the profile says TIME_WAIT holds the port (Linux): a bind to
 * that port then fails with WSAEADDRINUSE unless it asks SO_REUSEADDR. On Windows only the
 * connection's four-tuple is held, so bind succeeds.
 */
record TimeWait(Endpoint boundName) implements PortUser {
    /** Starts TIME_WAIT for the connection at {@code local}; {@code end} runs when it is over (background housekeeping). */
    static void start(Network net, Host host, Endpoint local, Runnable end) {
        TimeWait held = net.profile.timeWaitHoldsPort() ? new TimeWait(local) : null;
        if (held != null) {
            host.ports(held).bind(local.port(), held);
        }
        net.sim.scheduleBackground(net.profile.timeWaitNanos(), () -> {
            if (held != null) {
                host.ports(held).unbind(local.port(), held);
            }
            end.run();
        });
    }

    @Override
    public ListenQueue listenQueue() {
        return null;
    }

    /** A SO_REUSEADDR bind may share the port with it. */
    @Override
    public boolean reuseAddr() {
        return true;
    }

    @Override
    public boolean exclusiveAddrUse() {
        return false;
    }
}
