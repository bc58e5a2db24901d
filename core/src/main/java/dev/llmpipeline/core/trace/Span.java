package dev.llmpipeline.core.trace;

import java.util.List;

/**
 * A (sub)segment being recorded, in one trace or (for work shared by several jobs) the same subsegment in each of
 * several traces. Annotate it while it runs; {@link #close()} ends it and emits it. Thread-safe; closing twice
 * emits once. {@link #NONE} records nothing.
 */
public final class Span implements AutoCloseable {
    /** Records nothing. */
    public static final Span NONE = new Span(null, List.of());

    private final Tracer tracer;
    private final List<SegmentDocument> documents;

    Span(Tracer tracer, List<SegmentDocument> documents) {
        this.tracer = tracer;
        this.documents = List.copyOf(documents);
    }

    /** Adds an annotation (indexed by X-Ray: search traces by it). */
    public Span annotate(String key, Object value) {
        documents.forEach(document -> document.annotate(key, value));
        return this;
    }

    /** Sets a top-level field of the document, such as {@code namespace}. */
    public Span put(String field, Object value) {
        documents.forEach(document -> document.put(field, value));
        return this;
    }

    /** Sets a field of the document's {@code aws} object. */
    public Span aws(String field, Object value) {
        documents.forEach(document -> document.aws(field, value));
        return this;
    }

    /** Where work inside this span is recorded. */
    public TraceScope scope() {
        if (documents.isEmpty()) {
            return TraceScope.NONE;
        }
        return new TraceScope(tracer, documents.stream()
                .map(document -> new TraceScope.Target(document.traceId(), document.id())).toList());
    }

    /**
     * The trace header that continues the first trace of this span under it, for a downstream call; {@code null}
     * when nothing is recorded.
     */
    public String traceHeader() {
        return documents.isEmpty() ? null
                : TraceHeader.sampled(documents.get(0).traceId(), documents.get(0).id()).format();
    }

    /** Ends the span now and emits its documents; a second call does nothing. */
    @Override
    public void close() {
        if (documents.isEmpty()) {
            return;
        }
        var end = tracer.now();
        for (SegmentDocument document : documents) {
            if (document.end(end)) {
                tracer.emit(document);
            }
        }
    }
}
