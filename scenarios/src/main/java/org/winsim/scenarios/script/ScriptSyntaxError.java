package org.winsim.scenarios.script;

/** A script that cannot be parsed: the file, line and column, and what was expected there. */
public final class ScriptSyntaxError extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;

    ScriptSyntaxError(String file, int line, int column, String message) {
        super(message, null, false, false);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** {@code file:line:column: message}, the one line the command prints. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + getMessage();
    }
}
