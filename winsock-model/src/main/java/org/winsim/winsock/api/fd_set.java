package org.winsim.winsock.api;

/**
 * {@code fd_set}: the Winsock socket set, an array of sockets and a count. Its capacity is
 * {@link Winsock#FD_SETSIZE} (64) unless the program chose another, as a C program does with
 * {@code #define FD_SETSIZE 1024} before including winsock2.h; Windows' select takes any size.
 */
public final class fd_set {
    public int fd_count;
    public final long[] fd_array;

    public fd_set() {
        this(Winsock.FD_SETSIZE);
    }

    /** A set of the given capacity: a program compiled with its own FD_SETSIZE. */
    public fd_set(int setsize) {
        fd_array = new long[setsize];
    }

    /** {@code FD_ZERO}. */
    public static void FD_ZERO(fd_set set) {
        set.fd_count = 0;
    }

    /** {@code FD_SET}: adds a socket unless it is there already or the set is full (as the macro does). */
    public static void FD_SET(long s, fd_set set) {
        for (int i = 0; i < set.fd_count; i++) {
            if (set.fd_array[i] == s) {
                return;
            }
        }
        if (set.fd_count < set.fd_array.length) {
            set.fd_array[set.fd_count++] = s;
        }
    }

    /** {@code FD_CLR}. */
    public static void FD_CLR(long s, fd_set set) {
        for (int i = 0; i < set.fd_count; i++) {
            if (set.fd_array[i] == s) {
                System.arraycopy(set.fd_array, i + 1, set.fd_array, i, set.fd_count - i - 1);
                set.fd_count--;
                return;
            }
        }
    }

    /** {@code FD_ISSET}. */
    public static boolean FD_ISSET(long s, fd_set set) {
        for (int i = 0; i < set.fd_count; i++) {
            if (set.fd_array[i] == s) {
                return true;
            }
        }
        return false;
    }
}
