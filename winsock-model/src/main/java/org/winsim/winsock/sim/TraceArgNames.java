package org.winsim.winsock.sim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;
import org.winsim.winsock.api.WinBase;
import org.winsim.winsock.api.Winsock;

/**
 * How the trace names a numeric argument, keyed by the argument's trace name: {@code af=AF_INET},
 * {@code type=SOCK_STREAM}, {@code flags=MSG_OOB|MSG_PEEK}, {@code ms=INFINITE}, {@code h=GetCurrentThread()}, as a C programmer wrote them. An argument
 * whose name is not in the table, or a value without a name, reads as its number.
 */
final class TraceArgNames {
    private static final Map<String, IntFunction<String>> TABLE = new LinkedHashMap<>();

    static {
        TABLE.put("af", v -> switch (v) {
            case Winsock.AF_UNSPEC -> "AF_UNSPEC";
            case Winsock.AF_INET -> "AF_INET";
            case Winsock.AF_INET6 -> "AF_INET6";
            default -> null;
        });
        TABLE.put("type", v -> switch (v) {
            case Winsock.SOCK_STREAM -> "SOCK_STREAM";
            case Winsock.SOCK_DGRAM -> "SOCK_DGRAM";
            case Winsock.SOCK_RAW -> "SOCK_RAW";
            default -> null;
        });
        TABLE.put("protocol", v -> switch (v) {
            case Winsock.IPPROTO_IP -> "IPPROTO_IP";
            case Winsock.IPPROTO_TCP -> "IPPROTO_TCP";
            case Winsock.IPPROTO_UDP -> "IPPROTO_UDP";
            default -> null;
        });
        TABLE.put("how", v -> switch (v) {
            case Winsock.SD_RECEIVE -> "SD_RECEIVE";
            case Winsock.SD_SEND -> "SD_SEND";
            case Winsock.SD_BOTH -> "SD_BOTH";
            default -> null;
        });
        TABLE.put("ms", v -> v == WinBase.INFINITE ? "INFINITE" : null);
        TABLE.put("flags", v -> bits(v, new int[] {Winsock.MSG_OOB, Winsock.MSG_PEEK, Winsock.MSG_WAITALL},
                new String[] {"MSG_OOB", "MSG_PEEK", "MSG_WAITALL"}));
        TABLE.put("dwFlags", v -> bits(v, new int[] {Winsock.WSA_FLAG_OVERLAPPED}, new String[] {"WSA_FLAG_OVERLAPPED"}));
    }

    private TraceArgNames() {
    }

    /** The argument's name for {@code value}, or null when the table has none (the caller writes the number). */
    static String name(String argument, Object value) {
        if (value instanceof Long h && argument.equals("h") && (h == WinBase.CURRENT_THREAD || h == WinBase.INVALID_HANDLE_VALUE)) {
            return h == WinBase.CURRENT_THREAD ? "GetCurrentThread()" : "INVALID_HANDLE_VALUE";
        }
        IntFunction<String> f = TABLE.get(argument);
        return f != null && value instanceof Integer v ? f.apply(v) : null;
    }

    /** Flag bits joined by '|', any unnamed rest in hex; 0 stays 0. */
    private static String bits(int v, int[] masks, String[] names) {
        if (v == 0) {
            return "0";
        }
        StringBuilder b = new StringBuilder();
        int rest = v;
        for (int i = 0; i < masks.length; i++) {
            if ((v & masks[i]) != 0) {
                b.append(b.isEmpty() ? "" : "|").append(names[i]);
                rest &= ~masks[i];
            }
        }
        if (rest != 0) {
            b.append(b.isEmpty() ? "" : "|").append("0x").append(Integer.toHexString(rest));
        }
        return b.toString();
    }
}
