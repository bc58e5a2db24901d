package dev.llmpipeline.local.xray;

import dev.llmpipeline.core.trace.DaemonEmitter;
import dev.llmpipeline.core.trace.Span;
import dev.llmpipeline.core.trace.TraceHeader;
import dev.llmpipeline.core.trace.TraceIds;
import dev.llmpipeline.core.trace.Tracer;
import java.time.Clock;
import java.time.Instant;

/**
 * What Lambda does for a function with active tracing, for the local invokers: each invocation gets a trace header
 * and the function's own segment ({@code AWS::Lambda::Function}), emitted to the daemon when the handler returns;
 * the header's {@code Parent} is that segment, so the handler's subsegments hang under it. Thread-safe.
 */
public final class ActiveTracing implements AutoCloseable {
    private static final ActiveTracing OFF = new ActiveTracing(Tracer.disabled(), null);

    private final Tracer tracer;
    private final DaemonEmitter emitter;

    private ActiveTracing(Tracer tracer, DaemonEmitter emitter) {
        this.tracer = tracer;
        this.emitter = emitter;
    }

    /** No tracing: invocations get no trace header. */
    public static ActiveTracing off() {
        return OFF;
    }

    /** Sends the functions' segments to the daemon at {@code address} ({@code host:port}). */
    public static ActiveTracing toDaemon(String address) {
        var emitter = new DaemonEmitter(DaemonEmitter.parseAddress(address));
        return new ActiveTracing(new Tracer(emitter, Clock.systemUTC()), emitter);
    }

    /**
     * Starts the function's segment of an invocation in a new trace, as for a request API Gateway received without a
     * trace header. Its {@link Span#traceHeader()} is the invocation's header; {@code null} when tracing is off.
     */
    public Span invocation(String functionName) {
        return invocation(functionName, TraceHeader.sampled(TraceIds.newTraceId(Instant.now()), null).format());
    }

    /** Starts the function's segment of an invocation in the trace of {@code traceHeader}. */
    public Span invocation(String functionName, String traceHeader) {
        return tracer.segment(traceHeader, functionName);
    }

    @Override
    public void close() {
        if (emitter != null) {
            emitter.close();
        }
    }
}
