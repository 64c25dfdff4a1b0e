package org.winsim.scenarios;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;
import org.winsim.realbackend.OsWin32;
import org.winsim.winsock.api.WSADATA;
import org.winsim.winsock.api.Win32;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.sockaddr_in;

/**
 * Runs a scenario's processes for real over loopback, on the host's sockets or on Wine ({@link RealOs}):
 * each process is a program of its own on that OS (its own handles) with its main on a thread. Clients
 * start once the server listens; when they have ended, the servers' sockets are closed so that their
 * threads end too.
 */
public final class RealBackend implements Backend {
    private final RealOs os;
    private final List<OsWin32> servers = new ArrayList<>();
    private final List<Thread> clients = new ArrayList<>();
    private final ScenarioStats stats;
    private int port;
    private volatile VirtualMachineError hostError;

    public RealBackend(ScenarioStats stats, RealOs os) {
        this.stats = stats;
        this.os = os;
    }

    @Override
    public void startProcess(String name, Role role, ToIntFunction<Win32> main) {
        OsWin32 w = os.newProcess();
        if (role == Role.SERVER) {
            servers.add(w);
        } else if (port != 0) {
            awaitListener(port);
        }
        Thread t = new Thread(() -> {
            try {
                main.applyAsInt(w);
            } catch (VirtualMachineError e) {
                if (hostError == null) {
                    hostError = e; // the host JVM's failure, not the program's: the runner rethrows it
                }
            } catch (RuntimeException | Error e) {
                stats.problem(name + ": the program threw " + e);
            } finally {
                if (role == Role.CLIENT) {
                    w.closeAll();
                }
            }
        }, name + ":main");
        t.setDaemon(true);
        t.start();
        if (role == Role.CLIENT) {
            clients.add(t);
        }
    }

    @Override
    public int port(int wanted) {
        if (port == 0) {
            OsWin32 w = os.newProcess();
            w.WSAStartup(Winsock.WINSOCK_VERSION, new WSADATA());
            long s = w.socket(Winsock.AF_INET, Winsock.SOCK_STREAM, Winsock.IPPROTO_TCP);
            w.bind(s, sockaddr_in.of("127.0.0.1", 0), Winsock.SIZEOF_SOCKADDR_IN);
            sockaddr_in a = new sockaddr_in();
            w.getsockname(s, a, new int[] {Winsock.SIZEOF_SOCKADDR_IN});
            w.closesocket(s);
            w.closeAll();
            port = a.sin_port;
        }
        return port;
    }

    @Override
    public sockaddr_in serverAddress(int p) {
        return new sockaddr_in(Winsock.AF_INET, Winsock.INADDR_LOOPBACK, p);
    }

    /** The host JVM's error (out of memory, say) that ended a process's thread, or null. */
    public VirtualMachineError hostError() {
        return hostError;
    }

    /** Waits for every client process, at most {@code limit} (a problem if they do not end); then ends the servers. */
    public void awaitClients(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        boolean all = true;
        for (Thread t : clients) {
            t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            all &= !t.isAlive();
        }
        if (!all) {
            stats.problem("the clients did not finish within " + limit.toSeconds() + " s");
        }
        stats.seal();
        servers.forEach(OsWin32::closeAll);
    }

    /** Waits (up to 5 s) until a socket listens on the port; Linux lists listeners in /proc/net/tcp (Wine's too). */
    private static void awaitListener(int port) {
        Path table = Path.of("/proc/net/tcp");
        String local = String.format(Locale.ROOT, ":%04X ", port);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (!Files.isReadable(table)) {
                    Thread.sleep(200);
                    return;
                }
                for (String line : Files.readAllLines(table, StandardCharsets.US_ASCII)) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 3 && f[1].endsWith(local.trim()) && f[3].equals("0A")) {
                        return;
                    }
                }
                Thread.sleep(5);
            }
        } catch (java.io.IOException | InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
