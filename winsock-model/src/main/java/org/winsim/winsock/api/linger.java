package org.winsim.winsock.api;

/** {@code struct linger}: the value of SO_LINGER (4 bytes: two u_shorts). */
public final class linger {
    public int l_onoff;
    public int l_linger;

    public linger() {
    }

    public linger(int onoff, int seconds) {
        this.l_onoff = onoff;
        this.l_linger = seconds;
    }
}
