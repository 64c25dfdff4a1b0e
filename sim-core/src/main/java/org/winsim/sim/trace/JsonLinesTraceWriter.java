package org.winsim.sim.trace;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;

/**
 * Writes the trace as JSON Lines: one object a record, keys in a fixed order
 * ({@code seq, t, tid, thread, kind}, then the record's fields).
 */
public final class JsonLinesTraceWriter implements TraceSink {
    private final JsonGenerator json;

    public JsonLinesTraceWriter(Writer out) throws IOException {
        this.json = new JsonFactory().createGenerator(out);
        json.setRootValueSeparator(null);
    }

    @Override
    public void accept(TraceRecord r) throws IOException {
        json.writeStartObject();
        json.writeNumberField("seq", r.seq());
        json.writeNumberField("t", r.time());
        json.writeNumberField("tid", r.threadId());
        json.writeStringField("thread", r.thread());
        json.writeStringField("kind", r.kind());
        for (int i = 0; i < r.fieldCount(); i++) {
            json.writeStringField(r.fieldName(i), r.fieldValue(i));
        }
        json.writeEndObject();
        json.writeRaw('\n');
    }

    @Override
    public void finish() throws IOException {
        json.flush();
    }
}
