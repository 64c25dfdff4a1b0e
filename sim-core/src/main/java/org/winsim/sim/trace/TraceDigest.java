package org.winsim.sim.trace;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;

/** A SHA-256 of the text rendering of a trace: equal digests mean byte-identical text traces. */
public final class TraceDigest implements TraceSink {
    private final Hasher hasher = Hashing.sha256().newHasher();
    private long count;
    private String hex;

    @Override
    public void accept(TraceRecord record) {
        hasher.putString(TraceFormat.text(record), StandardCharsets.UTF_8).putByte((byte) '\n');
        count++;
    }

    @Override
    public void finish() {
        hex = hasher.hash().toString();
    }

    /** The digest in hexadecimal, available once the run has finished. */
    public String hex() {
        if (hex == null) {
            throw new IllegalStateException("the trace digest is read before the run finished");
        }
        return hex;
    }

    public long records() {
        return count;
    }
}
