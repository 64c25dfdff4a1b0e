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

    public sockaddr_in copy() {
        return new sockaddr_in(sin_family, sin_addr, sin_port);
    }

    @Override
    public String toString() {
        return inet_ntoa(sin_addr) + ":" + sin_port;
    }
}
