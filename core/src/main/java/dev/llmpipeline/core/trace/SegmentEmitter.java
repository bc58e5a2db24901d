package dev.llmpipeline.core.trace;

/** Sends finished segment documents on. Implementations never throw: tracing must not fail the traced work. */
@FunctionalInterface
public interface SegmentEmitter {

    /** Sends one document. */
    void emit(SegmentDocument document);
}
