package org.winsim.winsock.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.winsim.sim.Chaos;
import org.winsim.sim.Durations;
import org.winsim.winsock.sim.net.NetFaults;

/**
 * The faults one run injects, as a value: printable, parseable and replayable. Its text is a comma list
 * of faults, e.g. {@code loss=0.01,reset@conn3:4096,sched=random}; {@link #toString} gives the canonical
 * form, which {@link #parse} reads back to an equal plan. Every fault draws from its own named random
 * stream, so adding one never shifts the choices of another, and the empty plan changes nothing.
 *
 * <ul>
 * <li>{@code loss=P} or {@code loss=P/RTO}: each data segment is lost with probability P and arrives one
 *     retransmission timeout later (RTO, default 300ms: Windows' minimum)</li>
 * <li>{@code delay=D}, {@code jitter=D}: every segment takes D longer; a uniform extra of up to D</li>
 * <li>{@code reset@connN:B}: connection N (the Nth connect of the run) is reset once B payload bytes crossed it</li>
 * <li>{@code partition@T+D}: the links between hosts are down from virtual time T for D</li>
 * <li>{@code sched=random}: a freed processor takes a ready thread at random instead of the oldest</li>
 * <li>{@code cpu-jitter=F}: every CPU cost is scaled by a factor in [1-F, 1+F]</li>
 * <li>{@code thread-fail=P}: CreateThread fails (ERROR_NOT_ENOUGH_MEMORY) with probability P</li>
 * <li>{@code partial-send=P}: a Windows non-blocking send or an overlapped WSASend takes only a random part of
 *     its bytes with probability P</li>
 * <li>{@code partial-send@connN:B}: the next such send on connection N longer than B bytes takes only B bytes</li>
 * <li>{@code enobufs=P}: send, WSASend, accept and AcceptEx fail with WSAENOBUFS with probability P</li>
 * <li>{@code io-error=P}: a pending overlapped WSARecv or WSASend completes with STATUS_INSUFFICIENT_RESOURCES within
 *     1 ms with probability P</li>
 * <li>{@code queue-full=P}: a post finds the thread's message queue full with probability P</li>
 * </ul>
 */
public record FaultPlan(List<Fault> faults) {
    /** One injected fault. */
    public sealed interface Fault permits Loss, Delay, Jitter, Reset, Partition, RandomSchedule, CpuJitter, ThreadFail, PartialSend,
            PartialSendAt, NoBuffers, IoError, QueueFull {
    }

    public record Loss(double p, long rtoNanos) implements Fault {
        @Override
        public String toString() {
            return "loss=" + num(p) + (rtoNanos == DEFAULT_RTO ? "" : "/" + Durations.human(rtoNanos).replace(".000", ""));
        }
    }

    public record Delay(long nanos) implements Fault {
        @Override
        public String toString() {
            return "delay=" + dur(nanos);
        }
    }

    public record Jitter(long nanos) implements Fault {
        @Override
        public String toString() {
            return "jitter=" + dur(nanos);
        }
    }

    public record Reset(int conn, long bytes) implements Fault {
        @Override
        public String toString() {
            return "reset@conn" + conn + ":" + bytes;
        }
    }

    public record Partition(long start, long duration) implements Fault {
        @Override
        public String toString() {
            return "partition@" + dur(start) + "+" + dur(duration);
        }
    }

    public record RandomSchedule() implements Fault {
        @Override
        public String toString() {
            return "sched=random";
        }
    }

    public record CpuJitter(double fraction) implements Fault {
        @Override
        public String toString() {
            return "cpu-jitter=" + num(fraction);
        }
    }

    public record ThreadFail(double p) implements Fault {
        @Override
        public String toString() {
            return "thread-fail=" + num(p);
        }
    }

    /** Resource pressure in AFD: each Windows non-blocking send or overlapped WSASend takes a random part of its bytes with probability {@code p}. */
    public record PartialSend(double p) implements Fault {
        @Override
        public String toString() {
            return "partial-send=" + num(p);
        }
    }

    /** Resource pressure in AFD: the next such send on connection {@code conn} longer than {@code bytes} takes only {@code bytes}. */
    public record PartialSendAt(int conn, int bytes) implements Fault {
        @Override
        public String toString() {
            return "partial-send@conn" + conn + ":" + bytes;
        }
    }

    /** Resource pressure: send, WSASend, accept and AcceptEx fail with WSAENOBUFS with probability {@code p}. */
    public record NoBuffers(double p) implements Fault {
        @Override
        public String toString() {
            return "enobufs=" + num(p);
        }
    }

    /** Resource pressure: a pending overlapped operation completes with STATUS_INSUFFICIENT_RESOURCES with probability {@code p}. */
    public record IoError(double p) implements Fault {
        @Override
        public String toString() {
            return "io-error=" + num(p);
        }
    }

    /** A post (PostMessage, a WSAAsyncSelect notification) finds the message queue full with probability {@code p}. */
    public record QueueFull(double p) implements Fault {
        @Override
        public String toString() {
            return "queue-full=" + num(p);
        }
    }

    /** Windows' minimum retransmission timeout. */
    static final long DEFAULT_RTO = Durations.millis(300);

    public static final FaultPlan NONE = new FaultPlan(List.of());

    public FaultPlan {
        faults = List.copyOf(faults);
    }

    /** Reads a plan; throws IllegalArgumentException naming the fault that is wrong and what was expected. */
    public static FaultPlan parse(String text) {
        List<Fault> out = new ArrayList<>();
        if (text.isBlank() || text.equals("none")) {
            return NONE;
        }
        java.util.Set<String> rates = new java.util.HashSet<>(); // the NAME=VALUE faults, each at most once (only looked up)
        for (String item : text.split(",", -1)) {
            if (item.isBlank()) {
                throw new IllegalArgumentException("an empty fault between commas in '" + text + "'");
            }
            String name = item.trim().split("=", 2)[0];
            if (item.contains("=") && !item.contains("@") && !rates.add(name)) {
                throw new IllegalArgumentException("fault '" + name + "' is given twice in '" + text + "' (give each rate once)");
            }
            out.add(parseOne(item.trim()));
        }
        return new FaultPlan(out);
    }

    private static Fault parseOne(String f) {
        try {
            if (f.startsWith("reset@conn")) {
                String[] p = f.substring("reset@conn".length()).split(":", 2);
                return new Reset(positiveInt(p[0]), Long.parseLong(p[1]));
            }
            if (f.startsWith("partial-send@conn")) {
                String[] p = f.substring("partial-send@conn".length()).split(":", 2);
                int bytes = Integer.parseInt(p[1]);
                if (bytes < 1) {
                    throw new IllegalArgumentException("a partial send takes at least 1 byte");
                }
                return new PartialSendAt(positiveInt(p[0]), bytes);
            }
            if (f.startsWith("partition@")) {
                String[] p = f.substring("partition@".length()).split("\\+", 2);
                return new Partition(Durations.parse(p[0]), Durations.parse(p[1]));
            }
            String[] kv = f.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("expected NAME=VALUE, reset@connN:BYTES or partition@T+D");
            }
            return switch (kv[0]) {
                case "loss" -> {
                    String[] p = kv[1].split("/", 2);
                    yield new Loss(probability(p[0]), p.length == 2 ? Durations.parse(p[1]) : DEFAULT_RTO);
                }
                case "delay" -> new Delay(Durations.parse(kv[1]));
                case "jitter" -> new Jitter(Durations.parse(kv[1]));
                case "sched" -> {
                    if (!kv[1].equals("random")) {
                        throw new IllegalArgumentException("sched takes 'random'");
                    }
                    yield new RandomSchedule();
                }
                case "cpu-jitter" -> {
                    double v = Double.parseDouble(kv[1]);
                    if (!(v >= 0 && v < 1)) {
                        throw new IllegalArgumentException("cpu-jitter must be in [0, 1)");
                    }
                    yield new CpuJitter(v);
                }
                case "thread-fail" -> new ThreadFail(probability(kv[1]));
                case "partial-send" -> new PartialSend(probability(kv[1]));
                case "enobufs" -> new NoBuffers(probability(kv[1]));
                case "io-error" -> new IoError(probability(kv[1]));
                case "queue-full" -> new QueueFull(probability(kv[1]));
                default -> throw new IllegalArgumentException("unknown fault '" + kv[0]
                        + "' (known: loss, delay, jitter, reset@connN:B, partition@T+D, sched, cpu-jitter, thread-fail, "
                        + "partial-send, partial-send@connN:B, enobufs, io-error, queue-full)");
            };
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("fault '" + cut(f) + "': not a valid value");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("fault '" + cut(f) + "': " + e.getMessage());
        }
    }

    private static int positiveInt(String s) {
        int n = Integer.parseInt(s);
        if (n < 1) {
            throw new IllegalArgumentException("connections count from 1");
        }
        return n;
    }

    private static double probability(String s) {
        double p = Double.parseDouble(s);
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("a probability is between 0 and 1");
        }
        return p;
    }

    private static String cut(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static String dur(long nanos) {
        for (String[] u : new String[][] {{"h", "3600000000000"}, {"m", "60000000000"}, {"s", "1000000000"},
            {"ms", "1000000"}, {"us", "1000"}}) {
            long n = Long.parseLong(u[1]);
            if (nanos != 0 && nanos % n == 0) {
                return nanos / n + u[0];
            }
        }
        return nanos + "ns";
    }

    public boolean isEmpty() {
        return faults.isEmpty();
    }

    /** This plan without its i-th fault (for shrinking). */
    public FaultPlan without(int i) {
        List<Fault> l = new ArrayList<>(faults);
        l.remove(i);
        return new FaultPlan(l);
    }

    /** This plan with its i-th fault replaced (for shrinking). */
    public FaultPlan with(int i, Fault f) {
        List<Fault> l = new ArrayList<>(faults);
        l.set(i, f);
        return new FaultPlan(l);
    }

    /** Puts the plan into a world before it runs: scheduling chaos, network faults, resource faults. */
    public void applyTo(SimWorld world) {
        boolean randomReady = false;
        double cpuJitter = 0;
        double loss = 0;
        long rto = DEFAULT_RTO;
        long delay = 0;
        long jitter = 0;
        double threadFail = 0;
        double noBuffers = 0;
        double ioError = 0;
        double queueFull = 0;
        List<NetFaults.Reset> resets = new ArrayList<>();
        List<NetFaults.Partition> partitions = new ArrayList<>();
        double partialSend = 0;
        List<PartialSendAt> partialSendsAt = new ArrayList<>();
        for (Fault f : faults) {
            switch (f) {
                case Loss l -> {
                    loss = l.p();
                    rto = l.rtoNanos();
                }
                case Delay d -> delay += d.nanos();
                case Jitter j -> jitter += j.nanos();
                case Reset r -> resets.add(new NetFaults.Reset(r.conn(), r.bytes()));
                case Partition p -> partitions.add(new NetFaults.Partition(p.start(), p.duration()));
                case RandomSchedule s -> randomReady = true;
                case CpuJitter c -> cpuJitter = c.fraction();
                case ThreadFail t -> threadFail = t.p();
                case PartialSend p -> partialSend = p.p();
                case PartialSendAt p -> partialSendsAt.add(p);
                case NoBuffers n -> noBuffers = n.p();
                case IoError e -> ioError = e.p();
                case QueueFull q -> queueFull = q.p();
            }
        }
        world.sim.setChaos(new Chaos(randomReady, cpuJitter));
        if (loss > 0 || delay > 0 || jitter > 0 || !resets.isEmpty() || !partitions.isEmpty()) {
            world.network.setFaults(new NetFaults(world.sim, loss, rto, delay, jitter, resets, partitions));
        }
        if (threadFail > 0 || noBuffers > 0 || ioError > 0 || queueFull > 0) {
            world.resources = new ResourceFaults(world.sim, noBuffers, ioError, threadFail, queueFull);
        }
        if (partialSend > 0 || !partialSendsAt.isEmpty()) {
            world.partialSends = new PartialSends(world.sim, partialSend, partialSendsAt);
        }
    }

    @Override
    public String toString() {
        if (faults.isEmpty()) {
            return "none";
        }
        StringBuilder b = new StringBuilder();
        for (Fault f : faults) {
            b.append(b.isEmpty() ? "" : ",").append(f);
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }
}
