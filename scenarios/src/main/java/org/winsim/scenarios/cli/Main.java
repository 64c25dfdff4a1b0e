package org.winsim.scenarios.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.math.BigInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code winsim} command line. Exit codes: 0 success; 1 the run or check failed; 2 bad usage (one
 * line naming the problem, never a stack trace); 3 winsim itself failed (the host JVM ran out of memory
 * or stack, the trace could not be written, an internal error); 4 the run passed its wall-clock limit.
 */
@Command(name = "winsim", mixinStandardHelpOptions = true, version = "winsim 0.1.0",
        description = "A deterministic, discrete-event simulation of Winsock.",
        footer = {"", "Exit codes: 0 success; 1 the run or check failed; 2 bad usage; 3 winsim itself failed (the host "
                + "JVM ran out of memory, the trace could not be written); 4 the run passed its wall-clock limit."},
        subcommands = {ListCommand.class, RunCommand.class, ScriptCommand.class, CompareCommand.class, ExploreCommand.class, StudyCommand.class,
                LauncherCommand.Test.class, LauncherCommand.Bench.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int HOST = 3;
    static final int WALL_LIMIT = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Whether standard error is a terminal, so long runs may show their progress there. */
    boolean stderrIsTerminal;

    /** The stream progress lines go to (standard error). */
    PrintStream err;

    /** The commands, as an error that names a wrong or missing one lists them. */
    private static final String COMMANDS = "list, run, script, compare, explore, study, test, bench or help";

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed: " + COMMANDS);
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err, stderrIsTerminal()));
    }

    /** Runs the command line with the given streams, without progress lines; returns the exit code. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        return execute(args, out, err, false);
    }

    static int execute(String[] args, PrintStream out, PrintStream err, boolean progress) {
        Main main = new Main();
        main.stderrIsTerminal = progress;
        main.err = err;
        CommandLine cl = new CommandLine(main);
        shortLine(cl, "script", "Run .wss Winsock scripts on the simulator and check every line.");
        shortLine(cl, "compare", "Run .wss scripts on real sockets and on the simulator, side by side.");
        cl.registerConverter(Long.class, Main::wholeNumber);
        cl.registerConverter(Long.TYPE, Main::wholeNumber);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setParameterExceptionHandler((ex, a) -> {
            String command = ex.getCommandLine().getCommandSpec().qualifiedName();
            String message = firstLine(ex.getMessage());
            if (ex instanceof CommandLine.UnmatchedArgumentException && ex.getCommandLine() == cl && a.length > 0
                    && !a[0].startsWith("-")) { // the first word names no command
                message = "unknown command '" + cut(a[0]) + "': expected " + COMMANDS;
            }
            err.println(command + ": " + message + " (see '" + command + " --help')");
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            String command = commandLine.getCommandSpec().qualifiedName();
            if (ex instanceof UsageError u) {
                err.println(command + ": " + u.getMessage());
                return USAGE;
            }
            if (ex instanceof HostFailure h) {
                err.println(command + ": " + h.getMessage());
                return HOST;
            }
            err.println(command + ": internal error, a bug in winsim (WINSIM_DEBUG=1 shows where): "
                    + (ex.getMessage() != null ? firstLine(ex.getMessage()) : ex.getClass().getSimpleName()));
            if (System.getenv("WINSIM_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            return HOST;
        });
        try {
            return cl.execute(args);
        } catch (VirtualMachineError e) { // outside a command's own handling (RunCommand handles its run)
            err.println("winsim: " + hostError(e));
            return HOST;
        }
    }

    /** Puts a short first line before a command's description: the command list shows only that line. */
    private static void shortLine(CommandLine cl, String command, String line) {
        CommandLine.Model.UsageMessageSpec usage = cl.getSubcommands().get(command).getCommandSpec().usageMessage();
        java.util.List<String> d = new java.util.ArrayList<>(java.util.List.of(usage.description()));
        d.add(0, line);
        usage.description(d.toArray(String[]::new));
    }

    /** The one line that reports the host JVM running out of memory or stack: winsim's failure, not the program's. */
    static String hostError(VirtualMachineError e) {
        if (e instanceof StackOverflowError) {
            return "winsim itself ran out of stack (host JVM thread stack, -Xss): not a finding of the simulated program";
        }
        long mib = Runtime.getRuntime().maxMemory() >> 20;
        return "winsim itself ran out of memory (host JVM heap, -Xmx" + mib + "m): not a finding of the simulated program; "
                + "make the run smaller or give the JVM more heap (JAVA_TOOL_OPTIONS=-Xmx" + Math.max(2 * mib, 1024) + "m)";
    }

    /** Parses a whole number; a word or a number past 64 bits is one clear line, not a Java type name. */
    private static Long wholeNumber(String s) {
        try {
            return Long.parseLong(s.replace("_", ""));
        } catch (NumberFormatException e) {
            try {
                new BigInteger(s.replace("_", ""));
                throw new CommandLine.TypeConversionException("'" + s + "' is too large a number");
            } catch (NumberFormatException notANumber) {
                throw new CommandLine.TypeConversionException("'" + cut(s) + "' is not a whole number");
            }
        }
    }

    /** A scenario named on the command line; an unknown name is a usage error. */
    static org.winsim.scenarios.Scenario scenario(String name) {
        return org.winsim.scenarios.Scenarios.named(name).orElseThrow(
                () -> new UsageError("unknown scenario '" + cut(name) + "' (see 'winsim list')"));
    }

    /** A {@code --profile}; an unknown one is a usage error. */
    static org.winsim.winsock.sim.OsProfile profile(String name) {
        org.winsim.winsock.sim.OsProfile os = org.winsim.winsock.sim.OsProfile.named(name);
        if (os == null) {
            throw new UsageError("unknown profile '" + cut(name) + "': use windows or linux");
        }
        return os;
    }

    /** A {@code --network}; an unknown one is a usage error. */
    static org.winsim.scenarios.SimBackend.Topology topology(String network) {
        return switch (network) {
            case "loopback" -> org.winsim.scenarios.SimBackend.Topology.LOOPBACK;
            case "lan" -> org.winsim.scenarios.SimBackend.Topology.LAN;
            default -> throw new UsageError("unknown network '" + cut(network) + "': use loopback or lan");
        };
    }

    /** Reads a {@code --faults} plan; a bad one is a usage error naming the fault and what was expected. */
    static org.winsim.winsock.sim.FaultPlan faultPlan(String text) {
        try {
            return org.winsim.winsock.sim.FaultPlan.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--faults: " + e.getMessage());
        }
    }

    /** A token as echoed in a message, cut to a readable length. */
    static String cut(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    /**
     * Whether standard error is a terminal: the launcher says so ({@code -Dwinsim.stderr.tty}, from
     * {@code [ -t 2 ]}); run without it, a console that is a terminal is taken as the answer.
     */
    private static boolean stderrIsTerminal() {
        String said = System.getProperty("winsim.stderr.tty");
        if (said != null) {
            return said.equals("1") || said.equals("true");
        }
        java.io.Console c = System.console();
        if (c == null) {
            return false;
        }
        try { // Console.isTerminal exists from JDK 22; before it, a console was always a terminal
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    /** Bad input found while running a command (an unreadable file, say): exit 2 with one line. */
    static final class UsageError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageError(String message) {
            super(message, null, false, false);
        }
    }

    /** winsim itself could not do its job (the host is out of memory, a trace write failed): exit 3 with one line. */
    static final class HostFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HostFailure(String message) {
            super(message, null, false, false);
        }
    }
}
