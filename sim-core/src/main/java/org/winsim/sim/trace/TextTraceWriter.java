package org.winsim.sim.trace;

import java.io.IOException;
import java.io.Writer;

/** Writes the trace as readable text, one record a line. */
public final class TextTraceWriter implements TraceSink {
    private final Writer out;

    public TextTraceWriter(Writer out) {
        this.out = out;
    }

    @Override
    public void accept(TraceRecord record) throws IOException {
        out.write(TraceFormat.text(record));
        out.write('\n');
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }
}
