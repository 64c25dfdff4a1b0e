package org.winsim.scenarios.script;

import java.util.Arrays;
import java.util.Locale;

/** A value a call writes out besides its return value, as a result shows it and an expectation names it. */
public sealed interface Output permits Output.Number, Output.Status, Output.Addr, Output.Data, Output.Name, Output.List {
    /** The output as a script writes it. */
    String render();

    /** Whether {@code got} meets this expected output. */
    boolean matches(Output got);

    record Number(long value) implements Output {
        @Override
        public String render() {
            return Long.toString(value);
        }

        @Override
        public boolean matches(Output got) {
            return got instanceof Number g && g.value == value;
        }
    }

    /** An NTSTATUS (an OVERLAPPED's Internal): written by its name when it has one, else in hex. */
    record Status(long value) implements Output {
        @Override
        public String render() {
            org.winsim.winsock.api.NTSTATUS st = org.winsim.winsock.api.NTSTATUS.of(value);
            return st != null ? st.name() : "0x" + Long.toHexString(value & 0xffffffffL).toUpperCase(Locale.ROOT);
        }

        @Override
        public boolean matches(Output got) {
            return got instanceof Status g && (g.value & 0xffffffffL) == (value & 0xffffffffL);
        }
    }

    /** An IPv4 address and port; {@code port} -1 matches any port ({@code *}). */
    record Addr(int addr, int port) implements Output {
        @Override
        public String render() {
            return org.winsim.winsock.api.sockaddr_in.inet_ntoa(addr) + ":" + (port == -1 ? "*" : Integer.toString(port));
        }

        @Override
        public boolean matches(Output got) {
            return got instanceof Addr g && g.addr == addr && (port == -1 || port == g.port);
        }
    }

    /** Bytes received (a recv's buffer), written as a quoted string. */
    record Data(byte[] bytes) implements Output {
        @Override
        public String render() {
            StringBuilder b = new StringBuilder("\"");
            for (byte x : bytes) {
                int c = x & 0xff;
                if (c == '"' || c == '\\') {
                    b.append('\\').append((char) c);
                } else if (c >= 0x20 && c < 0x7f) {
                    b.append((char) c);
                } else {
                    b.append(String.format(Locale.ROOT, "\\x%02x", c));
                }
            }
            return b.append('"').toString();
        }

        @Override
        public boolean matches(Output got) {
            return got instanceof Data g && Arrays.equals(g.bytes, bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Data d && Arrays.equals(d.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return render();
        }
    }

    /** A handle shown by the name the script bound it to (or in hex when it has none), or a thread's name. */
    record Name(String name) implements Output {
        @Override
        public String render() {
            return name;
        }

        @Override
        public boolean matches(Output got) {
            return got instanceof Name g && g.name.equals(name);
        }
    }

    /**
     * A list in braces: a select set ({@code ordered} false: compared as a multiset, since the order of
     * a returned fd_set is the implementation's) or a column of callback records (ordered).
     */
    record List(java.util.List<Output> items, boolean ordered) implements Output {
        @Override
        public String render() {
            StringBuilder b = new StringBuilder("{");
            for (int i = 0; i < items.size(); i++) {
                b.append(i == 0 ? "" : ",").append(items.get(i).render());
            }
            return b.append('}').toString();
        }

        @Override
        public boolean matches(Output got) {
            if (!(got instanceof List g) || g.items.size() != items.size()) {
                return false;
            }
            if (ordered) {
                for (int i = 0; i < items.size(); i++) {
                    if (!items.get(i).matches(g.items.get(i))) {
                        return false;
                    }
                }
                return true;
            }
            return sorted(items).equals(sorted(g.items));
        }

        private static java.util.List<String> sorted(java.util.List<Output> xs) {
            return xs.stream().map(Output::render).sorted().toList();
        }
    }

    /** An output with its name ({@code bytes=12}, {@code read={s}}), or a positional one ({@code key} null). */
    record Field(String key, Output value) {
        public String render() {
            return key == null ? value.render() : key + "=" + value.render();
        }
    }
}
