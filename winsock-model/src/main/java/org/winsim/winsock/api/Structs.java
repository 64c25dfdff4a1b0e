package org.winsim.winsock.api;

/** The byte layouts of the small C structures that socket options pass (x86/x64, little-endian). */
public final class Structs {
    private Structs() {
    }

    public static byte[] int32(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    public static int int32(byte[] b) {
        return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
    }

    /** {@code struct linger}: two u_shorts, l_onoff then l_linger. */
    public static byte[] linger(linger l) {
        return new byte[] {(byte) l.l_onoff, (byte) (l.l_onoff >>> 8), (byte) l.l_linger, (byte) (l.l_linger >>> 8)};
    }

    public static linger linger(byte[] b) {
        return new linger((b[0] & 0xff) | (b[1] & 0xff) << 8, (b[2] & 0xff) | (b[3] & 0xff) << 8);
    }
}
