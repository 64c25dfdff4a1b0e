package org.winsim.winsock.api;

/** {@code LPTHREAD_START_ROUTINE}: a thread's entry point; its return value is the thread's exit code. */
@FunctionalInterface
public interface ThreadProc {
    int run(Object lpParameter);
}
