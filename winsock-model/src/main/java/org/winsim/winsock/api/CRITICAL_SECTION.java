package org.winsim.winsock.api;

/** {@code CRITICAL_SECTION}: an opaque lock that the backend fills in at {@code InitializeCriticalSection}. */
public final class CRITICAL_SECTION {
    /** Backend state; programs do not touch it. */
    public Object opaque;
}
