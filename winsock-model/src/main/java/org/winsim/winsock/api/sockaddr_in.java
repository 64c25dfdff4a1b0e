package org.winsim.winsock.api;

/**
 * {@code struct sockaddr_in}: an IPv4 address and port. Fields are in host byte order here (the
 * real structure holds them in network order; {@code htons}/{@code htonl} are therefore identities).
 */
public final class sockaddr_in {
    public int sin_family;
    public int sin_port;
    public int sin_addr;

    public sockaddr_in() {
    }

    public sockaddr_in(int family, int addr, int port) {
        this.sin_family = family;
        this.sin_addr = addr;
        this.sin_port = port;
    }

    /** An AF_INET address from dotted text and a port. */
    public static sockaddr_in of(String dotted, int port) {
        return new sockaddr_in(Winsock.AF_INET, inet_addr(dotted), port);
    }

    /** {@code inet_addr}: dotted-quad text to an address, or -1 (INADDR_NONE) when it is not one. */
    public static int inet_addr(String dotted) {
        String[] parts = dotted.split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        int a = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                return -1;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return -1;
            }
            a = (a << 8) | v;
        }
        return a;
    }

    /** {@code inet_ntoa}: an address as dotted-quad text. */
    public static String inet_ntoa(int addr) {
        return ((addr >>> 24) & 0xff) + "." + ((addr >>> 16) & 0xff) + "." + ((addr >>> 8) & 0xff) + "." + (addr & 0xff);
    }

    /** Writes this address as C lays out a sockaddr_in at {@code b[at..at+16)}: family little-endian, port and address in network order. */
    public void write(byte[] b, int at) {
        b[at] = (byte) sin_family;
        b[at + 1] = (byte) (sin_family >>> 8);
        b[at + 2] = (byte) (sin_port >>> 8);
        b[at + 3] = (byte) sin_port;
        for (int i = 0; i < 4; i++) {
            b[at + 4 + i] = (byte) (sin_addr >>> (24 - 8 * i));
        }
        java.util.Arrays.fill(b, at + 8, at + 16, (byte) 0);
    }

    /** Reads a sockaddr_in laid out as {@link #write} lays it out. */
    public static sockaddr_in read(byte[] b, int at) {
        return new sockaddr_in((b[at] & 0xff) | (b[at + 1] & 0xff) << 8,
                (b[at + 4] & 0xff) << 24 | (b[at + 5] & 0xff) << 16 | (b[at + 6] & 0xff) << 8 | (b[at + 7] & 0xff),
                (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff));
    }

    public sockaddr_in copy() {
        return new sockaddr_in(sin_family, sin_addr, sin_port);
    }

    @Override
    public String toString() {
        return inet_ntoa(sin_addr) + ":" + sin_port;
    }
}
