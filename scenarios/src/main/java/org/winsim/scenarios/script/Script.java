package org.winsim.scenarios.script;

import java.util.List;
import org.winsim.winsock.sim.FaultPlan;

/**
 * A parsed {@code .wss} script: its directives and its statements in order.
 *
 * @param profile the profile the script names, or null
 * @param seed the seed the script names, or null
 * @param startup whether WSAStartup is called before the first statement ({@code startup off} turns it off)
 * @param faults the faults the simulator injects ({@code faults PLAN}); {@link FaultPlan#NONE} when none
 */
public record Script(String file, String profile, Long seed, boolean startup, FaultPlan faults, List<Statement> statements) {

    /** One line of a script that does something. */
    public sealed interface Statement permits CallStatement, Spawn {
        int line();

        /** The statement as written, without its comment. */
        String text();
    }

    /** {@code [NAME =] verb args… [=> expected]}. */
    public record CallStatement(int line, String text, String bind, Call call, Expectation expect) implements Statement {
    }

    /** {@code spawn NAME: verb args…}: runs the call on a new script thread, bound to NAME; {@code join NAME} checks it. */
    public record Spawn(int line, String text, String name, Call call) implements Statement {
    }

    /** A parsed call: its verb, the shape of the result its line checks, and the action that runs it. */
    public record Call(Verb verb, Shape shape, Verb.Action action) {
    }

    /** A handle argument: a name the script bound, or a literal handle value. */
    public record HandleRef(String name, long literal) {
    }

    /** An address argument: a literal, the name a socket is bound to (a socket name), or NULL. */
    public record Address(String socketName, int addr, int port, boolean isNull) {
    }
}
