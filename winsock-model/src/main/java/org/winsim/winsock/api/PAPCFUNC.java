package org.winsim.winsock.api;

/** {@code PAPCFUNC}: a user-mode APC routine, run by its thread in an alertable wait. */
@FunctionalInterface
public interface PAPCFUNC {
    void run(long dwParam);
}
