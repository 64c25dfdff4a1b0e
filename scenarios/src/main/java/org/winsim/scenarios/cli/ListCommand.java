package org.winsim.scenarios.cli;

import java.util.concurrent.Callable;
import org.winsim.scenarios.Scenario;
import org.winsim.scenarios.Scenarios;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code winsim list}: the scenarios, one line each. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the scenarios with a line about each.")
final class ListCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        int width = Scenarios.all().stream().mapToInt(s -> s.name().length()).max().orElse(0);
        for (Scenario s : Scenarios.all()) {
            spec.commandLine().getOut().printf("%-" + width + "s  %s%n", s.name(), s.description());
        }
        return Main.OK;
    }
}
