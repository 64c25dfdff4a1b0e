package org.winsim.scenarios.script;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.TreeMap;
import org.winsim.winsock.api.Win32Error;
import org.winsim.winsock.api.WinBase;
import org.winsim.winsock.api.WinUser;
import org.winsim.winsock.api.Winsock;
import org.winsim.winsock.api.WsaError;

/** The names a script may use for numbers: Winsock, WinBase and WinUser constants, and error names. */
final class Constants {
    private static final Map<String, Long> VALUES = new TreeMap<>();
    private static final Map<String, Integer> ERRORS = new TreeMap<>();

    static {
        for (Class<?> c : new Class<?>[] {Winsock.class, WinBase.class, WinUser.class}) {
            for (Field f : c.getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && (f.getType() == int.class || f.getType() == long.class)) {
                    try {
                        VALUES.put(f.getName(), ((Number) f.get(null)).longValue());
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        for (org.winsim.winsock.api.NTSTATUS st : org.winsim.winsock.api.NTSTATUS.values()) {
            VALUES.put(st.name(), st.value & 0xffffffffL);
        }
        VALUES.put("TRUE", 1L);
        VALUES.put("FALSE", 0L);
        for (WsaError e : WsaError.values()) {
            ERRORS.put(e.name(), e.code);
        }
        for (Win32Error e : Win32Error.values()) {
            ERRORS.put(e.name(), e.code);
        }
    }

    private Constants() {
    }

    /**
     * The value of a number (decimal, or hex with 0x), a constant name, a constant plus a number
     * ({@code WAIT_OBJECT_0+1}), or values or-ed as in C ({@code FD_READ|FD_CLOSE}), or null when the
     * word is none of these.
     */
    static Long value(String word) {
        int bar = word.indexOf('|');
        if (bar > 0 && bar < word.length() - 1) {
            Long left = value(word.substring(0, bar));
            Long right = value(word.substring(bar + 1));
            return left == null || right == null ? null : left | right;
        }
        Long v = VALUES.get(word);
        if (v != null) {
            return v;
        }
        int plus = word.indexOf('+');
        if (plus > 0) {
            Long base = VALUES.get(word.substring(0, plus));
            Long offset = number(word.substring(plus + 1));
            return base == null || offset == null || offset < 0 ? null : base + offset;
        }
        return number(word);
    }

    private static Long number(String word) {
        try {
            if (word.startsWith("0x") || word.startsWith("0X")) {
                return Long.parseUnsignedLong(word.substring(2), 16);
            }
            if (word.startsWith("-0x")) {
                return -Long.parseUnsignedLong(word.substring(3), 16);
            }
            return Long.parseLong(word);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The number of an error name (WSAEWOULDBLOCK, ERROR_IO_PENDING, ...), or null. */
    static Integer error(String word) {
        return ERRORS.get(word);
    }
}
