package org.winsim.scenarios;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
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
 * Runs a scenario's processes on the simulator: on one host over loopback, or with the server and the
 * clients on two hosts joined by a LAN link.
 */
public final class SimBackend implements Backend {
    /** Where the server and the clients are. */
    public enum Topology { LOOPBACK, LAN }

    private final SimWorld world;
    private final Host serverHost;
    private final Host clientHost;
    private final Topology topology;
    private final List<SimProcess> clients = new ArrayList<>();
    private final List<SimProcess> servers = new ArrayList<>();
    /** Whether client processes are 64-bit ones (see {@link #sixtyFourBitClients()}). */
    private boolean sixtyFourBitClients;

    public SimBackend(SimulationConfig config, OsProfile profile, Topology topology) {
        this.world = new SimWorld(config, profile);
        this.topology = topology;
        this.serverHost = world.addHost("server-host", "10.0.0.1");
        if (topology == Topology.LAN) {
            this.clientHost = world.addHost("client-host", "10.0.0.2");
            world.link(serverHost, clientHost, LinkSpec.LAN);
        } else {
            this.clientHost = serverHost;
        }
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
        if (clientHost != serverHost) {
            world.sizeNonPagedPool(clientHost, NON_PAGED_POOL_64_BIT);
        }
    }

    @Override
    public void startProcess(String name, Role role, ToIntFunction<Win32> main) {
        long addressSpace = role == Role.CLIENT && sixtyFourBitClients ? ADDRESS_SPACE_64_BIT
                : world.profile().memory().addressSpaceBytes();
        SimProcess p = world.startProcess(role == Role.SERVER ? serverHost : clientHost, name, role == Role.SERVER,
                addressSpace, main);
        (role == Role.CLIENT ? clients : servers).add(p);
    }

    @Override
    public int port(int wanted) {
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
