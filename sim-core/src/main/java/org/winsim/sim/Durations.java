package org.winsim.sim;

/** Virtual-time units and locale-independent formatting of nanosecond durations. */
public final class Durations {
    public static final long MICROSECOND = 1_000L;
    public static final long MILLISECOND = 1_000_000L;
    public static final long SECOND = 1_000_000_000L;

    private Durations() {
    }

    public static long micros(long n) {
        return Math.multiplyExact(n, MICROSECOND);
    }

    public static long millis(long n) {
        return Math.multiplyExact(n, MILLISECOND);
    }

    public static long seconds(long n) {
        return Math.multiplyExact(n, SECOND);
    }

    /** Fixed-width seconds with nine decimals, the trace's time stamp: {@code 12.000345678}. */
    public static String stamp(long nanos) {
        long s = nanos / SECOND;
        long frac = nanos % SECOND;
        String f = Long.toString(frac);
        return s + "." + "000000000".substring(f.length()) + f;
    }

    /**
     * Microseconds with three decimals (nanosecond resolution), the text trace's one time unit:
     * {@code 45.096}, {@code 1000.000}, {@code -0.005}.
     */
    public static String micro(long nanos) {
        long abs = Math.abs(nanos);
        String f = Long.toString(abs % MICROSECOND);
        return (nanos < 0 ? "-" : "") + abs / MICROSECOND + "." + "000".substring(f.length()) + f;
    }

    /** A short human reading with a unit: {@code 850ns}, {@code 12.5us}, {@code 3.200ms}, {@code 1.250s}. */
    public static String human(long nanos) {
        if (nanos < MICROSECOND) {
            return nanos + "ns";
        }
        if (nanos < MILLISECOND) {
            return decimal(nanos, MICROSECOND, 1) + "us";
        }
        if (nanos < SECOND) {
            return decimal(nanos, MILLISECOND, 3) + "ms";
        }
        return decimal(nanos, SECOND, 3) + "s";
    }

    private static String decimal(long value, long unit, int places) {
        long scale = 1;
        for (int i = 0; i < places; i++) {
            scale *= 10;
        }
        long scaled = Math.round((double) value * scale / unit);
        String frac = Long.toString(scaled % scale);
        return (scaled / scale) + "." + "0".repeat(places - frac.length()) + frac;
    }

    /**
     * Parses a duration written as a number and a unit ({@code 250ns}, {@code 40us}, {@code 200ms},
     * {@code 1.5s}, {@code 2m}); throws IllegalArgumentException naming what is wrong.
     */
    public static long parse(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|ms|s|m|h)").matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 200ms, 40us or 1.5s");
        }
        long unit = switch (m.group(2)) {
            case "ns" -> 1;
            case "us" -> MICROSECOND;
            case "ms" -> MILLISECOND;
            case "s" -> SECOND;
            case "m" -> 60 * SECOND;
            default -> 3600 * SECOND;
        };
        java.math.BigDecimal v = new java.math.BigDecimal(m.group(1)).multiply(java.math.BigDecimal.valueOf(unit));
        if (v.compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE / 2)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration");
        }
        return v.setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
    }
}
