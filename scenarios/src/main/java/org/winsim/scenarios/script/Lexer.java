package org.winsim.scenarios.script;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one script line into tokens: words (names, numbers, constants, addresses such as
 * {@code 127.0.0.1:0}, durations), double-quoted strings with {@code \\ \" \n \r \t \0 \xHH} escapes,
 * {@code { } , = =>}. A {@code #} outside a string starts a comment.
 */
final class Lexer {
    private Lexer() {
    }

    /** Where a line's comment starts (or its length): the statement text a report shows. */
    static int codeEnd(String line) {
        boolean inString = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (inString && c == '\\') {
                i++;
            } else if (c == '"') {
                inString = !inString;
            } else if (c == '#' && !inString) {
                return i;
            }
        }
        return line.length();
    }

    static List<Token> tokens(String file, int lineNo, String line) throws ScriptSyntaxError {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            int col = i + 1;
            if (c == '#') {
                break;
            }
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                StringBuilder b = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) {
                        throw new ScriptSyntaxError(file, lineNo, col, "unclosed string: a '\"' is missing");
                    }
                    char d = line.charAt(i);
                    if (d == '"') {
                        i++;
                        break;
                    }
                    if (d == '\\') {
                        if (i + 1 >= n) {
                            throw new ScriptSyntaxError(file, lineNo, i + 1, "unclosed string: a '\"' is missing");
                        }
                        char e = line.charAt(i + 1);
                        switch (e) {
                            case '\\', '"' -> b.append(e);
                            case 'n' -> b.append('\n');
                            case 'r' -> b.append('\r');
                            case 't' -> b.append('\t');
                            case '0' -> b.append('\0');
                            case 'x' -> {
                                if (i + 3 >= n || Character.digit(line.charAt(i + 2), 16) < 0
                                        || Character.digit(line.charAt(i + 3), 16) < 0) {
                                    throw new ScriptSyntaxError(file, lineNo, i + 1, "\\x needs two hex digits");
                                }
                                b.append((char) Integer.parseInt(line.substring(i + 2, i + 4), 16));
                                i += 2;
                            }
                            default -> throw new ScriptSyntaxError(file, lineNo, i + 1,
                                    "unknown escape '\\" + e + "' (use \\\\ \\\" \\n \\r \\t \\0 or \\xHH)");
                        }
                        i += 2;
                    } else {
                        b.append(d);
                        i++;
                    }
                }
                out.add(new Token(Token.Kind.STRING, b.toString(), col));
            } else if (c == '{') {
                out.add(new Token(Token.Kind.LBRACE, "{", col));
                i++;
            } else if (c == '}') {
                out.add(new Token(Token.Kind.RBRACE, "}", col));
                i++;
            } else if (c == ',') {
                out.add(new Token(Token.Kind.COMMA, ",", col));
                i++;
            } else if (c == '=') {
                if (i + 1 < n && line.charAt(i + 1) == '>') {
                    out.add(new Token(Token.Kind.ARROW, "=>", col));
                    i += 2;
                } else {
                    out.add(new Token(Token.Kind.EQUALS, "=", col));
                    i++;
                }
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(line.charAt(i)) && "\"{},=#".indexOf(line.charAt(i)) < 0) {
                    i++;
                }
                out.add(new Token(Token.Kind.WORD, line.substring(start, i), col));
            }
        }
        return out;
    }
}
