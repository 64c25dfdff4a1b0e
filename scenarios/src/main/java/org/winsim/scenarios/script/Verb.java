package org.winsim.scenarios.script;

/**
 * One entry of the verb registry: a verb's name, its argument grammar, the shape of its result, the
 * type of name it creates (for {@code NAME = verb …}), and how it parses into an {@link Action}.
 *
 * @param args the argument grammar as {@code --verbs} prints it
 * @param binds the type of the handle it returns, which {@code NAME = verb …} binds; null when it returns none
 * @param summary what it does, in one line
 */
public record Verb(String name, String args, Shape result, NameType binds, Parser parser, String summary) {

    /** Reads a verb's arguments (the cursor stands after the verb) and returns what the line will do. */
    @FunctionalInterface
    public interface Parser {
        Action parse(Args a) throws ScriptSyntaxError;
    }

    /** A parsed call with its arguments bound: runs it against a script run's state and reports its outcome (null: PENDING). */
    @FunctionalInterface
    public interface Action {
        Outcome run(ScriptState st);
    }
}
