package org.winsim.scenarios.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.winsim.sim.Durations;
import org.winsim.sim.Simulation;

/**
 * The host's guard over a simulated run: stops it when it has taken longer than its wall-clock limit
 * and, when standard error is a terminal, shows its progress there once a second. The kernel consults it
 * every 65,536 events; it reads the clock only to decide when to stop or print, so it never changes a run.
 */
final class WallGuard implements Simulation.Watchdog {
    private static final long SECOND = 1_000_000_000L;
    private static final long MAX_LIMIT = 7 * 24 * 3600 * SECOND;
    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");

    private final LongSupplier clock;
    private final long start;
    private final long limitNanos;
    private final String limitText;
    private final PrintStream progress;
    private long lastPrint;
    private int printedWidth;

    /** @param progress where progress lines go (a terminal), or null for none */
    WallGuard(long limitNanos, String limitText, PrintStream progress) {
        this(limitNanos, limitText, progress, System::nanoTime);
    }

    /** With a clock of its own, for tests. */
    WallGuard(long limitNanos, String limitText, PrintStream progress, LongSupplier clock) {
        this.clock = clock;
        this.start = clock.getAsLong();
        this.limitNanos = limitNanos;
        this.limitText = limitText;
        this.progress = progress;
    }

    @Override
    public String check(long now, long eventsFired) {
        long elapsed = clock.getAsLong() - start;
        if (progress != null && elapsed >= 2 * SECOND && elapsed - lastPrint >= SECOND) {
            lastPrint = elapsed;
            String line = String.format(Locale.ROOT, "winsim: running, virtual time %s, %,d events, %d s of wall time (limit %s)",
                    Durations.human(now), eventsFired, elapsed / SECOND, limitText);
            progress.print("\r" + line + " ".repeat(Math.max(0, printedWidth - line.length())));
            progress.flush();
            printedWidth = line.length();
        }
        if (elapsed > limitNanos) {
            return "stopped by winsim after the wall-clock limit of " + limitText + " (--wall-limit); the run was not finished";
        }
        return null;
    }

    /** Clears the progress line, if one was shown, before the summary is printed. */
    void done() {
        if (printedWidth > 0) {
            progress.print("\r" + " ".repeat(printedWidth) + "\r");
            progress.flush();
            printedWidth = 0;
        }
    }

    /** Parses a limit such as {@code 500ms}, {@code 90s}, {@code 10m}, {@code 2h} or {@code 1d}; 1ms to 7d. */
    static long parseLimit(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new Main.UsageError("--wall-limit must be a duration such as 500ms, 90s, 10m, 2h or 1d (got '"
                    + Main.cut(text) + "')");
        }
        long n = Long.parseLong(m.group(1));
        long unit = switch (m.group(2)) {
            case "ms" -> 1_000_000L;
            case "s" -> SECOND;
            case "m" -> 60 * SECOND;
            case "h" -> 3600 * SECOND;
            default -> 24 * 3600 * SECOND;
        };
        if (n < 1 || n > MAX_LIMIT / unit) {
            throw new Main.UsageError("--wall-limit must be between 1ms and 7d (got " + text + ")");
        }
        return n * unit;
    }
}
