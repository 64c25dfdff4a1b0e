package org.winsim.scenarios;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import org.winsim.sim.Durations;
import org.winsim.sim.ScheduledEvent;
import org.winsim.sim.Simulation;
import org.winsim.sim.SimulationConfig;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.sockaddr_in;
import org.winsim.winsock.sim.net.Host;
import org.winsim.winsock.sim.net.LinkSpec;
import org.winsim.winsock.sim.OsProfile;
import org.winsim.winsock.sim.SimProcess;
import org.winsim.winsock.sim.SimWorld;

/**
 * Runs a scenario's processes on the simulator: on one host over loopback, or with the server on one
 * host and the clients on one or more others, each joined to the server's by a LAN link.
 */
public final class SimBackend implements Backend {
    /** Where the server and the clients are. */
    public enum Topology { LOOPBACK, LAN }

    /** Connections one client host takes by default: a margin below its 16,384 ephemeral ports. */
    public static final int CLIENTS_PER_HOST = 16_000;
    /** The most client hosts a run may have. */
    public static final int MAX_CLIENT_HOSTS = 1024;
    /** How long client processes wait for the server's listener before they start without one (RealBackend's 5 s). */
    static final long LISTENER_WAIT = Durations.seconds(5);

    private final SimWorld world;
    private final Host serverHost;
    private final List<Host> clientHosts = new ArrayList<>();
    private final Topology topology;
    private final List<SimProcess> clients = new ArrayList<>();
    private final List<SimProcess> servers = new ArrayList<>();
    /** Whether client processes are 64-bit ones (see {@link #sixtyFourBitClients()}). */
    private boolean sixtyFourBitClients;
    /** The server's port once {@link #port} gave it (0 before): client processes start when it is listened on. */
    private int port;
    private int clientProcesses;

    public SimBackend(SimulationConfig config, OsProfile profile, Topology topology) {
        this(config, profile, topology, 1);
    }

    /** With LAN, {@code clientHosts} hosts for the clients (client-host at 10.0.0.2 when one; client-host-K otherwise). */
    public SimBackend(SimulationConfig config, OsProfile profile, Topology topology, int clientHosts) {
        if (clientHosts < 1 || clientHosts > MAX_CLIENT_HOSTS || (clientHosts > 1 && topology != Topology.LAN)) {
            throw new IllegalArgumentException("client hosts: " + clientHosts + " with " + topology);
        }
        this.world = new SimWorld(config, profile);
        this.topology = topology;
        this.serverHost = world.addHost("server-host", "10.0.0.1");
        if (topology == Topology.LAN) {
            for (int k = 1; k <= clientHosts; k++) {
                Host h = world.addHost(clientHosts == 1 ? "client-host" : "client-host-" + k, "10.0." + k / 253 + "." + (k % 253 + 1));
                world.link(serverHost, h, LinkSpec.LAN);
                this.clientHosts.add(h);
            }
        } else {
            this.clientHosts.add(serverHost);
        }
    }

    /** The default number of client hosts for a run with {@code connections} client connections. */
    public static int clientHostsFor(Topology topology, long connections) {
        return topology == Topology.LAN ? (int) Math.max(1, (connections + CLIENTS_PER_HOST - 1) / CLIENTS_PER_HOST) : 1;
    }

    @Override
    public int clientHosts() {
        return clientHosts.size();
    }

    public SimWorld world() {
        return world;
    }

    /** 128 TiB: the user address space of a 64-bit process. */
    public static final long ADDRESS_SPACE_64_BIT = 128L << 40;
    /** 128 GiB: the most non-paged pool 64-bit Windows has. */
    public static final long NON_PAGED_POOL_64_BIT = 128L << 30;

    /**
     * Makes the client processes started from now on 64-bit processes (128 TiB of address space) and, on
     * a LAN, their host a 64-bit machine (128 GiB of non-paged pool): their thread stacks and sockets never
     * run out, so only the server's limits show, as on the separate client machines of a load test.
     */
    public void sixtyFourBitClients() {
        this.sixtyFourBitClients = true;
        for (Host h : clientHosts) {
            if (h != serverHost) {
                world.sizeNonPagedPool(h, NON_PAGED_POOL_64_BIT);
            }
        }
    }

    /**
     * Starts a server process at once, and a client process once the server listens on its port (after
     * {@link #LISTENER_WAIT} of virtual time without a listener, anyway), as {@link RealBackend} waits for
     * the port before it starts a client: otherwise a client that connects before a slower server's
     * listen is refused, and Windows tries its SYN again only a second later.
     */
    @Override
    public void startProcess(String name, Role role, ToIntFunction<Win32> main) {
        if (role == Role.SERVER) {
            servers.add(world.startProcess(serverHost, name, true, world.profile().memory().addressSpaceBytes(), main));
            return;
        }
        Host host = clientHosts.get(clientProcesses++ % clientHosts.size());
        long addressSpace = sixtyFourBitClients ? ADDRESS_SPACE_64_BIT : world.profile().memory().addressSpaceBytes();
        Runnable start = () -> clients.add(world.startProcess(host, name, false, addressSpace, main));
        if (port == 0) {
            start.run();
            return;
        }
        Simulation sim = world.simulation();
        boolean[] started = {false};
        Runnable once = () -> {
            if (!started[0]) {
                started[0] = true;
                start.run();
            }
        };
        ScheduledEvent deadline = sim.schedule(LISTENER_WAIT, once);
        serverHost.whenListening(port, () -> {
            deadline.cancel();
            sim.schedule(0, once);
        });
    }

    @Override
    public int port(int wanted) {
        port = wanted;
        return wanted;
    }

    @Override
    public sockaddr_in serverAddress(int port) {
        return new sockaddr_in(Winsock.AF_INET, topology == Topology.LAN ? serverHost.address() : Winsock.INADDR_LOOPBACK, port);
    }

    /** The server processes, in start order. */
    public List<SimProcess> servers() {
        return List.copyOf(servers);
    }

    /** Handles the client processes left open when they exited. */
    public List<String> clientLeaks() {
        List<String> leaks = new ArrayList<>();
        for (SimProcess p : clients) {
            for (String h : p.leakedHandles()) {
                leaks.add(p.name() + ": " + h);
            }
        }
        return leaks;
    }
}
