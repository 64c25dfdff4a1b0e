package org.winsim.scenarios.script;

/**
 * A token of a script line, with the 1-based column it starts at.
 *
 * @param text for WORD the word; for STRING the unquoted, unescaped contents
 */
record Token(Kind kind, String text, int column) {
    enum Kind { WORD, STRING, LBRACE, RBRACE, COMMA, EQUALS, ARROW }

    boolean is(Kind k) {
        return kind == k;
    }

    boolean isWord(String w) {
        return kind == Kind.WORD && text.equals(w);
    }

    /** The longest token text a message echoes; longer ones are cut with an ellipsis. */
    static final int SHOWN = 32;

    /** {@code text} cut to a readable length for a message. */
    static String cut(String text) {
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "…";
    }

    /** The token's text, cut to a readable length. */
    String shown() {
        return cut(text);
    }

    String describe() {
        return switch (kind) {
            case WORD -> "'" + shown() + "'";
            case STRING -> "a string";
            case LBRACE -> "'{'";
            case RBRACE -> "'}'";
            case COMMA -> "','";
            case EQUALS -> "'='";
            case ARROW -> "'=>'";
        };
    }
}
