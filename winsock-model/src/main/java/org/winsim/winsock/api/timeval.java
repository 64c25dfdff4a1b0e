package org.winsim.winsock.api;

/** {@code struct timeval}: the timeout of {@code select}. */
public final class timeval {
    public long tv_sec;
    public long tv_usec;

    public timeval() {
    }

    public timeval(long sec, long usec) {
        this.tv_sec = sec;
        this.tv_usec = usec;
    }

    /** A timeout of whole milliseconds. */
    public static timeval ofMillis(long ms) {
        return new timeval(ms / 1000, (ms % 1000) * 1000);
    }
}
