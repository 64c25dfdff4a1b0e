package org.winsim.realbackend;

import org.winsim.winsock.api.sockaddr_in;

/** {@code struct sockaddr_in} as bytes (the same 16 bytes on Windows and Linux): family little-endian, port and address big-endian. */
final class Sockaddrs {
    private Sockaddrs() {
    }

    static byte[] bytes(sockaddr_in a) {
        byte[] b = new byte[16];
        b[0] = (byte) a.sin_family;
        b[1] = (byte) (a.sin_family >>> 8);
        b[2] = (byte) (a.sin_port >>> 8);
        b[3] = (byte) a.sin_port;
        b[4] = (byte) (a.sin_addr >>> 24);
        b[5] = (byte) (a.sin_addr >>> 16);
        b[6] = (byte) (a.sin_addr >>> 8);
        b[7] = (byte) a.sin_addr;
        return b;
    }

    static void fill(sockaddr_in a, byte[] b) {
        a.sin_family = (b[0] & 0xff) | (b[1] & 0xff) << 8;
        a.sin_port = (b[2] & 0xff) << 8 | (b[3] & 0xff);
        a.sin_addr = (b[4] & 0xff) << 24 | (b[5] & 0xff) << 16 | (b[6] & 0xff) << 8 | (b[7] & 0xff);
    }
}
