package org.winsim.scenarios;

import java.util.ArrayList;
import java.util.List;

/** What a scenario's programs report: connections made, bytes verified, and every problem they saw. */
public final class ScenarioStats {
    private long connected;
    private long bytesVerified;
    private long messagesVerified;
    private final List<String> problems = new ArrayList<>();
    private boolean sealed;

    /** A client's connect succeeded. */
    public synchronized void connected() {
        connected++;
    }

    public synchronized void verified(long n) {
        bytesVerified += n;
    }

    public synchronized void messageVerified() {
        messagesVerified++;
    }

    /** Records a problem (wrong bytes, a failed call); the run is then a failure. */
    public synchronized void problem(String what) {
        if (!sealed && problems.size() < 100) {
            problems.add(what);
        }
    }

    /** The run is over: what programs report from now on (servers being torn down) does not count. */
    public synchronized void seal() {
        sealed = true;
    }

    /** How many client connects succeeded. */
    public synchronized long connections() {
        return connected;
    }

    public synchronized long bytesVerified() {
        return bytesVerified;
    }

    public synchronized long messagesVerified() {
        return messagesVerified;
    }

    public synchronized List<String> problems() {
        return List.copyOf(problems);
    }
}
