package dev.llmpipeline.core.trace;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Records the work of a function in X-Ray traces, for a function with active tracing: Lambda gives each invocation a
 * trace header and runs the X-Ray daemon at {@code AWS_XRAY_DAEMON_ADDRESS}. Not the X-Ray SDK: its recorder is one
 * per JVM and refuses to begin segments inside Lambda, while a worker invocation serves jobs of many traces and
 * must put the work for each job into that job's trace. Without a daemon address tracing is off, and every scope
 * and span it hands out does nothing. Thread-safe.
 */
public final class Tracer {
    /** The origin X-Ray gives a Lambda function's own segment. */
    public static final String LAMBDA_ORIGIN = "AWS::Lambda::Function";
    private static final Tracer DISABLED = new Tracer(null, Clock.systemUTC());

    private final SegmentEmitter emitter;
    private final Clock clock;

    /** Emits through {@code emitter}, timing with {@code clock}. */
    public Tracer(SegmentEmitter emitter, Clock clock) {
        this.emitter = emitter;
        this.clock = clock;
    }

    /** A tracer that records nothing. */
    public static Tracer disabled() {
        return DISABLED;
    }

    /** Sends to the daemon at {@code AWS_XRAY_DAEMON_ADDRESS}; disabled when it is unset. */
    public static Tracer fromEnvironment(Map<String, String> environment) {
        String address = environment.get("AWS_XRAY_DAEMON_ADDRESS");
        if (address == null || address.isBlank()) {
            return DISABLED;
        }
        return new Tracer(new DaemonEmitter(DaemonEmitter.parseAddress(address)), Clock.systemUTC());
    }

    /** Whether anything is recorded. */
    public boolean isEnabled() {
        return emitter != null;
    }

    /**
     * The scope of work under the segment a trace header names as {@code Parent} (on Lambda, the function's own
     * segment); empty when tracing is off or the header is missing or not sampled.
     */
    public TraceScope scope(String traceHeader) {
        TraceHeader header = TraceHeader.parse(traceHeader);
        if (!isEnabled() || header == null || !header.isSampled() || header.parent() == null) {
            return TraceScope.NONE;
        }
        return new TraceScope(this, List.of(new TraceScope.Target(header.root(), header.parent())));
    }

    /**
     * Starts a segment of this function in the trace of {@code traceHeader}, as a child of the header's parent: the
     * worker's segment for one job, in the trace its submit started. Does nothing when the scope would be empty.
     */
    public Span segment(String traceHeader, String name) {
        TraceHeader header = TraceHeader.parse(traceHeader);
        if (!isEnabled() || header == null || !header.isSampled()) {
            return Span.NONE;
        }
        SegmentDocument segment = SegmentDocument.segment(name, header.root(), header.parent(), now())
                .put("origin", LAMBDA_ORIGIN);
        return new Span(this, List.of(segment));
    }

    Instant now() {
        return clock.instant();
    }

    void emit(SegmentDocument document) {
        emitter.emit(document);
    }
}
