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

    String describe() {
        return switch (kind) {
            case WORD -> "'" + text + "'";
            case STRING -> "a string";
            case LBRACE -> "'{'";
            case RBRACE -> "'}'";
            case COMMA -> "','";
            case EQUALS -> "'='";
            case ARROW -> "'=>'";
        };
    }
}
