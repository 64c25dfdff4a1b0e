package org.winsim.sim.trace;

import java.io.IOException;
import java.io.Writer;

/** Writes the trace as readable text: a legend line ({@link TraceFormat#LEGEND}), then one record a line. */
public final class TextTraceWriter implements TraceSink {
    private final Writer out;
    private boolean legendWritten;

    public TextTraceWriter(Writer out) {
        this.out = out;
    }

    @Override
    public void accept(TraceRecord record) throws IOException {
        writeLegend();
        out.write(TraceFormat.text(record));
        out.write('\n');
    }

    private void writeLegend() throws IOException {
        if (!legendWritten) {
            legendWritten = true;
            out.write(TraceFormat.LEGEND);
            out.write('\n');
        }
    }

    @Override
    public void finish() throws IOException {
        writeLegend();
        out.flush();
    }
}
