package org.winsim.realbackend.wine;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Wine agent: {@code winsim-agent.exe} (the C program in {@code src/main/c}) running under Wine,
 * one process that executes one Win32 call per request line and answers with the return value, the
 * last error and the outputs. The protocol is described at the top of {@code winsim-agent.c}.
 *
 * <p>{@link #start()} builds on first use: it compiles the agent with {@code x86_64-w64-mingw32-gcc}
 * into the work directory when the executable is missing or older than the source, creates a private
 * WINEPREFIX there once ({@code wineboot -i}), and starts the agent with {@code WINEDEBUG=-all} and no
 * display. {@link #close()} ends it and shuts that prefix's wineserver down. When Wine or the compiler
 * is missing, {@link #start()} throws {@link WineUnavailable} naming what to install.
 *
 * <p>{@link #call} may be called from many Java threads at once; each request names the agent thread
 * that runs it, so a blocking call blocks only its caller.
 */
public final class WineAgent implements AutoCloseable {
    /** The Debian packages that provide Wine and the cross-compiler. */
    public static final String INSTALL = "apt-get install wine64 gcc-mingw-w64-x86-64";
    static final String COMPILER = "x86_64-w64-mingw32-gcc";
    private static final String SOURCE = "winsim-agent.c";

    private final Tools tools;
    private final Path prefix;
    private final Process process;
    private final Writer toAgent;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final AtomicLong nextNamespace = new AtomicLong(1);
    private final Path stderrLog;
    private final Timings timings;
    private volatile String ended;

    /** How long starting took, in milliseconds: compiling and prefix creation are 0 when already done. */
    public record Timings(long compileMillis, long prefixMillis, long startMillis) {
        @Override
        public String toString() {
            return "compile " + compileMillis + " ms, prefix creation " + prefixMillis + " ms, agent start " + startMillis + " ms";
        }
    }

    /**
     * One answer of the agent: the return value, the last error, the outputs in the order written,
     * and the callback lines ({@code KIND NAME key=value...}) that ran during the call, in order.
     */
    public record Reply(String line, long ret, int err, Map<String, String> outputs, List<String> callbacks) {
        /** An output the call must have written. */
        public String out(String key) {
            String v = outputs.get(key);
            if (v == null) {
                throw new IllegalStateException("the agent's reply has no " + key + "=: " + line);
            }
            return v;
        }
    }

    private static final class Pending {
        final String request;
        final CompletableFuture<Reply> reply = new CompletableFuture<>();
        final List<String> callbacks = Collections.synchronizedList(new ArrayList<>());

        Pending(String request) {
            this.request = request;
        }
    }

    /** Where Wine and the compiler are on this machine. */
    record Tools(Path wine, Path wineserver, Optional<Path> compiler) {
    }

    private WineAgent(Tools tools, Path prefix, Process process, Path stderrLog, long compileMillis, long prefixMillis,
                      long startNanos) {
        this.tools = tools;
        this.prefix = prefix;
        this.process = process;
        this.stderrLog = stderrLog;
        this.toAgent = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII));
        Thread reader = new Thread(() -> read(process.getInputStream()), "wine-agent-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            call("main", "GetTickCount");
        } catch (IllegalStateException e) {
            close();
            throw e;
        }
        this.timings = new Timings(compileMillis, prefixMillis, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    /** Starts the agent with its files under the default work directory ({@link #defaultWorkDir()}). */
    public static WineAgent start() {
        return start(defaultWorkDir());
    }

    /** Starts the agent, building it and its WINEPREFIX under {@code workDir} when needed. */
    public static WineAgent start(Path workDir) {
        Tools tools = findTools(System.getenv("PATH"), Path.of("/usr/lib/wine"));
        try {
            Files.createDirectories(workDir);
            Path exe = workDir.resolve("winsim-agent.exe");
            Path prefix = workDir.resolve("prefix");
            long compileMillis;
            long prefixMillis;
            try (FileChannel lockFile = FileChannel.open(workDir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lockFile.lock()) {
                compileMillis = build(tools, workDir, exe);
                prefixMillis = createPrefix(tools, prefix, workDir);
            }
            long startNanos = System.nanoTime();
            Path stderrLog = workDir.resolve("agent-stderr.log");
            ProcessBuilder pb = new ProcessBuilder(tools.wine().toString(), exe.toString())
                    .redirectError(stderrLog.toFile());
            wineEnvironment(pb, prefix);
            return new WineAgent(tools, prefix, pb.start(), stderrLog, compileMillis, prefixMillis, startNanos);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code target/wine} of the module this class was loaded from (beside {@code target/classes}, or
     * beside the jar), or the {@code winsim.wine.dir} system property when set.
     */
    public static Path defaultWorkDir() {
        String configured = System.getProperty("winsim.wine.dir");
        if (configured != null) {
            return Path.of(configured);
        }
        try {
            Path codeSource = Path.of(WineAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return codeSource.toAbsolutePath().getParent().resolve("wine");
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Path.of(System.getProperty("java.io.tmpdir"), "winsim-wine-" + System.getProperty("user.name"));
        }
    }

    /** How long compiling, prefix creation and the agent's first answer took. */
    public Timings timings() {
        return timings;
    }

    // ---- finding and building ----

    /**
     * Finds wine64 or wine and wineserver on {@code path} (or in Debian's {@code wineLib}) and the
     * cross-compiler on {@code path}; throws {@link WineUnavailable} naming what is missing.
     */
    static Tools findTools(String path, Path wineLib) {
        Optional<Path> wine = onPath(path, "wine64").or(() -> onPath(path, "wine")).or(() -> executable(wineLib.resolve("wine64")));
        Optional<Path> server = onPath(path, "wineserver").or(() -> executable(wineLib.resolve("wineserver64")))
                .or(() -> executable(wineLib.resolve("wineserver")));
        Optional<Path> compiler = onPath(path, COMPILER);
        List<String> lacking = new ArrayList<>();
        if (wine.isEmpty()) {
            lacking.add("wine (neither wine64 nor wine is on PATH)");
        } else if (server.isEmpty()) {
            lacking.add("wineserver");
        }
        if (!lacking.isEmpty()) {
            if (compiler.isEmpty()) {
                lacking.add(COMPILER);
            }
            throw new WineUnavailable(missing(lacking));
        }
        return new Tools(wine.get(), server.get(), compiler);
    }

    private static String missing(List<String> lacking) {
        return "the Wine agent cannot run: this machine lacks " + String.join(" and ", lacking)
                + "; install them with `" + INSTALL + "`";
    }

    private static Optional<Path> onPath(String path, String name) {
        if (path == null) {
            return Optional.empty();
        }
        return Arrays.stream(path.split(java.io.File.pathSeparator)).filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst();
    }

    private static Optional<Path> executable(Path p) {
        return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }

    /** Compiles the agent when the executable is missing or older than the source; returns the milliseconds spent. */
    private static long build(Tools tools, Path workDir, Path exe) throws IOException {
        byte[] source;
        try (InputStream in = WineAgent.class.getResourceAsStream(SOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SOURCE + " is not on the class path beside " + WineAgent.class.getName());
            }
            source = in.readAllBytes();
        }
        Path copy = workDir.resolve(SOURCE);
        if (!Files.exists(copy) || !Arrays.equals(Files.readAllBytes(copy), source)) {
            Files.write(copy, source);
        }
        if (Files.exists(exe) && Files.getLastModifiedTime(exe).compareTo(Files.getLastModifiedTime(copy)) >= 0) {
            return 0;
        }
        Path compiler = tools.compiler().orElseThrow(() -> new WineUnavailable(missing(List.of(COMPILER))));
        long t0 = System.nanoTime();
        Path tmp = workDir.resolve("winsim-agent.exe.tmp");
        run(new ProcessBuilder(compiler.toString(), "-O1", "-Wall", "-o", tmp.toString(), copy.toString(),
                "-lws2_32", "-lmswsock", "-luser32", "-lkernel32"), "compiling the agent", 120);
        Files.move(tmp, exe, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    /** Creates the private WINEPREFIX once; returns the milliseconds spent (0 when it exists). */
    private static long createPrefix(Tools tools, Path prefix, Path workDir) throws IOException {
        if (Files.exists(prefix.resolve("system.reg"))) {
            return 0;
        }
        long t0 = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(tools.wine().toString(), "wineboot", "-i");
        wineEnvironment(pb, prefix);
        // No Mono or Gecko: the agent needs neither, and their installers would ask on a display.
        pb.environment().put("WINEDLLOVERRIDES", "mscoree,mshtml=");
        pb.redirectOutput(workDir.resolve("wineboot.log").toFile()).redirectErrorStream(true);
        run(pb, "creating the Wine prefix " + prefix, 300);
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    private static void wineEnvironment(ProcessBuilder pb, Path prefix) {
        Map<String, String> env = pb.environment();
        env.put("WINEPREFIX", prefix.toAbsolutePath().toString());
        env.put("WINEDEBUG", "-all");
        env.remove("DISPLAY");
        env.remove("WAYLAND_DISPLAY");
    }

    private static void run(ProcessBuilder pb, String what, int timeoutSeconds) throws IOException {
        if (pb.redirectOutput() == ProcessBuilder.Redirect.PIPE) {
            pb.redirectErrorStream(true);
        }
        Process p = pb.start();
        String output = pb.redirectOutput() == ProcessBuilder.Redirect.PIPE
                ? new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8) : "";
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(what + " took more than " + timeoutSeconds + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IllegalStateException(what + " was interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(what + " failed (exit " + p.exitValue() + "): " + String.join(" ", pb.command())
                    + "\n" + output);
        }
    }

    // ---- the protocol ----

    /**
     * A prefix for the agent names of one program ({@code p1_}, {@code p2_}, ...): programs that share
     * the agent never share an object or an agent thread.
     */
    public String newNamespace() {
        return "p" + nextNamespace.getAndIncrement() + "_";
    }

    /**
     * Sends {@code VERB ARGS} to run on the agent thread {@code thread} and waits for the answer; the
     * caller blocks as long as the call blocks in the agent.
     *
     * @throws IllegalStateException when the agent rejects the request (a bug of the caller) or has exited
     */
    public Reply call(String thread, String request) {
        String id = Long.toString(nextId.getAndIncrement());
        String line = id + " " + thread + " " + request;
        Pending p = new Pending(line);
        pending.put(id, p);
        try {
            synchronized (toAgent) {
                if (ended != null) {
                    throw new IllegalStateException(ended);
                }
                toAgent.write(line);
                toAgent.write('\n');
                toAgent.flush();
            }
            return p.reply.get();
        } catch (IOException e) {
            throw new IllegalStateException("the Wine agent does not take requests any more" + stderrTail(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Wine agent: " + line, e);
        } catch (ExecutionException e) {
            throw (IllegalStateException) e.getCause();
        } finally {
            pending.remove(id);
        }
    }

    /** Whether the agent still takes requests (it has not exited, crashed or been closed). */
    public boolean alive() {
        return ended == null && process.isAlive();
    }

    /** Hands each line to its call until the agent's output ends; then fails the calls still waiting. */
    private void read(InputStream in) {
        String why = "the Wine agent has exited";
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            for (String line; (line = r.readLine()) != null; ) {
                dispatch(line);
            }
        } catch (IOException e) {
            // the pipe broke: the agent is gone, as at the end of input
        } catch (IllegalStateException e) {
            why = e.getMessage();
        }
        ended = why + stderrTail();
        for (Pending p : pending.values()) {
            p.reply.completeExceptionally(new IllegalStateException(ended + "\nwhile waiting for: " + p.request));
        }
    }

    private void dispatch(String line) {
        String[] f = line.split(" ");
        if (f[0].equals("cb") && f.length >= 4) {
            Pending p = pending.get(f[1]);
            if (p == null) {
                throw new IllegalStateException("the Wine agent reported a callback of no call under way: " + line);
            }
            p.callbacks.add(line.substring(4 + f[1].length()));
            return;
        }
        Pending p = pending.get(f[0]);
        if (p == null) {
            throw new IllegalStateException("the Wine agent answered a request that was not made: " + line);
        }
        if (f.length >= 2 && f[1].equals("error")) {
            p.reply.completeExceptionally(new IllegalStateException("the Wine agent rejected `" + p.request + "`: "
                    + line.substring(f[0].length() + 7)));
            return;
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        for (int i = 1; i < f.length; i++) {
            int eq = f[i].indexOf('=');
            outputs.put(eq < 0 ? f[i] : f[i].substring(0, eq), eq < 0 ? "" : f[i].substring(eq + 1));
        }
        long ret = Long.parseLong(outputs.remove("ret"));
        int err = (int) Long.parseLong(outputs.remove("err"));
        p.reply.complete(new Reply(line, ret, err, outputs, List.copyOf(p.callbacks)));
    }

    private String stderrTail() {
        try {
            List<String> lines = Files.readAllLines(stderrLog, StandardCharsets.UTF_8);
            return lines.isEmpty() ? "" : "; its last error output:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    /** Ends the agent (end of input, then a kill after 5 s) and shuts down the wineserver of its prefix. */
    @Override
    public void close() {
        try {
            synchronized (toAgent) {
                toAgent.close();
            }
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            ProcessBuilder kill = new ProcessBuilder(tools.wineserver().toString(), "-k")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
            wineEnvironment(kill, prefix);
            kill.start().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException("shutting down the wineserver of " + prefix, e);
        }
    }
}
