package org.winsim.winsock.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.winsim.sim.Machine;
import org.winsim.sim.RunResult;
import org.winsim.sim.Simulation;
import org.winsim.sim.SimulationConfig;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.sim.net.Host;
import org.winsim.winsock.sim.net.LinkSpec;
import org.winsim.winsock.sim.net.Network;
import org.winsim.winsock.api.sockaddr_in;

/**
 * A simulated world: the kernel, the network of hosts and links, and the processes that run on the
 * hosts. Build it, start processes, then {@link #run()}.
 */
public final class SimWorld {
    final Simulation sim;
    final OsProfile profile;
    final Network network;
    /** The desktop's window classes and windows (WSAAsyncSelect's targets). */
    final WindowTable windows = new WindowTable();
    private final List<SimProcess> processes = new ArrayList<>();
    /** Each host's non-paged pool, made when a process first runs there. */
    private final Map<Host, NonPagedPool> pools = new LinkedHashMap<>();
    /** Each host's processors, made when a process first runs there. */
    private final Map<Host, Machine> machines = new LinkedHashMap<>();
    /** A fault plan's resource faults (enobufs, io-error, thread-fail, queue-full), or null. */
    ResourceFaults resources;
    /** A fault plan's partial-send faults (issue 11), or null. */
    PartialSends partialSends;

    public SimWorld(SimulationConfig config, OsProfile profile) {
        this.sim = new Simulation(config);
        this.profile = profile;
        this.network = new Network(sim, profile.tcp());
    }

    public Simulation simulation() {
        return sim;
    }

    public OsProfile profile() {
        return profile;
    }

    /** Adds a host with an address (dotted text) and a loopback interface of the given properties. */
    public Host addHost(String name, String address, LinkSpec loopback) {
        int a = sockaddr_in.inet_addr(address);
        if (a == -1 || (a >>> 24) == 127 || a == 0) {
            throw new IllegalArgumentException("host " + name + " needs a unicast non-loopback address: " + address);
        }
        return network.addHost(name, a, loopback);
    }

    public Host addHost(String name, String address) {
        return addHost(name, address, LinkSpec.LOOPBACK);
    }

    /** Joins two hosts with a link (one pipe each way). */
    public void link(Host a, Host b, LinkSpec spec) {
        network.link(a, b, spec);
    }

    /**
     * Starts a process on a host whose main thread runs {@code main} with the process's API; its return
     * value is the exit code. A daemon process does not keep the run alive (a server that runs forever).
     */
    public SimProcess startProcess(Host host, String name, boolean daemon, ToIntFunction<Win32> main) {
        return startProcess(host, name, daemon, profile.memory().addressSpaceBytes(), main);
    }

    /** Starts a process with an address space of its own size (a 64-bit process beside 32-bit ones, say). */
    public SimProcess startProcess(Host host, String name, boolean daemon, long addressSpaceBytes, ToIntFunction<Win32> main) {
        SimProcess p = new SimProcess(this, name, host, daemon, addressSpaceBytes);
        processes.add(p);
        p.mainThread = p.api.startMainThread(main);
        return p;
    }

    /** The non-paged pool of a host, which its sockets draw from: the profile's size unless the host was given its own. */
    public NonPagedPool nonPagedPool(Host host) {
        return pools.computeIfAbsent(host, h -> new NonPagedPool(h, profile.memory().nonPagedPoolBytes(),
                profile.memory().socketPoolBytes()));
    }

    /**
     * The processors of a host, which its processes' threads run on: the config's number of them
     * ({@code --processors}), each host its own, so one host's threads never wait for another's processor.
     */
    public Machine machine(Host host) {
        return machines.computeIfAbsent(host, h -> sim.newMachine(h.name(), sim.config().processors()));
    }

    /** Gives a host a non-paged pool of its own size (a bigger machine); before any process runs there. */
    public void sizeNonPagedPool(Host host, long bytes) {
        if (pools.containsKey(host)) {
            throw new IllegalStateException("the non-paged pool of " + host + " is in use already");
        }
        pools.put(host, new NonPagedPool(host, bytes, profile.memory().socketPoolBytes()));
    }

    public List<SimProcess> processes() {
        return List.copyOf(processes);
    }

    public RunResult run() {
        return sim.run();
    }
}
