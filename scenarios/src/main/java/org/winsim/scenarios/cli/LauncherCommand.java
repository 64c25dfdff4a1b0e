package org.winsim.scenarios.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code test} and {@code bench}: commands of the {@code ./winsim} launcher (they run Maven and JMH, which
 * the command line itself cannot), listed here so that {@code winsim --help} names every command.
 */
final class LauncherCommand {
    private LauncherCommand() {
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = {"Build and run every test (./winsim launcher only).", "Builds every module and runs every test (mvn verify); Maven options may follow, e.g. "
                    + "./winsim test -pl property-tests -am -Dwinsim.cases=5000. A command of the ./winsim launcher."})
    static final class Test implements Callable<Integer> {
        @Unmatched
        List<String> rest;

        @Override
        public Integer call() {
            throw new Main.UsageError("'test' runs Maven: start it with the launcher, ./winsim test");
        }
    }

    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = {"Build and run the JMH benchmarks (./winsim launcher only).", "Builds and runs the JMH benchmarks (./winsim bench EchoBenchmark runs one; ./winsim bench -h "
                    + "lists JMH's options). A command of the ./winsim launcher."})
    static final class Bench implements Callable<Integer> {
        @Unmatched
        List<String> rest;

        @Override
        public Integer call() {
            throw new Main.UsageError("'bench' runs JMH: start it with the launcher, ./winsim bench");
        }
    }
}
