package org.winsim.scenarios.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code winsim} command line. Exit codes: 0 success, 1 the run or check failed, 2 bad usage
 * (one line naming the problem, never a stack trace).
 */
@Command(name = "winsim", mixinStandardHelpOptions = true, version = "winsim 0.1.0",
        description = "A deterministic, discrete-event simulation of Winsock.",
        subcommands = {ListCommand.class, RunCommand.class, ScriptCommand.class, CompareCommand.class})
public final class Main implements Runnable {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed: list, run, script or compare");
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setParameterExceptionHandler((ex, a) -> {
            String command = ex.getCommandLine().getCommandSpec().qualifiedName();
            err.println(command + ": " + firstLine(ex.getMessage()) + " (see '" + command + " --help')");
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof UsageError u) {
                err.println(commandLine.getCommandSpec().qualifiedName() + ": " + u.getMessage());
                return USAGE;
            }
            err.println("winsim: internal error: " + ex);
            if (System.getenv("WINSIM_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            return FAILED;
        });
        return cl.execute(args);
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
}
