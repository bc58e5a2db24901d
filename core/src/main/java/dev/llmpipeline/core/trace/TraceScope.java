package dev.llmpipeline.core.trace;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * Where the work running now is recorded: one or more points in traces ({@link Target}s) that new subsegments hang
 * under. Usually one; the endpoint call of a micro-batch serves jobs of several traces and is recorded in each.
 *
 * <p>A handler opens the scope of an invocation and {@linkplain #activate() activates} it on its thread; work handed
 * to other threads carries it explicitly ({@link #wrap(Runnable)}). The SDK interceptor finds the active scope of
 * its thread with {@link #current()}. Immutable and thread-safe; the empty scope {@link #NONE} records nothing.
 */
public final class TraceScope {
    /** A point in a trace: new subsegments get this trace id and this parent id. */
    public record Target(String traceId, String parentId) {}

    /** Records nothing. */
    public static final TraceScope NONE = new TraceScope(null, List.of());
    // The one piece of per-thread state: which scope the SDK calls of this thread belong to.
    private static final ThreadLocal<TraceScope> ACTIVE = ThreadLocal.withInitial(() -> NONE);

    private final Tracer tracer;
    private final List<Target> targets;

    TraceScope(Tracer tracer, List<Target> targets) {
        this.tracer = tracer;
        this.targets = List.copyOf(targets);
    }

    /** The scope active on this thread, or {@link #NONE}. */
    public static TraceScope current() {
        return ACTIVE.get();
    }

    /** Every target of these scopes, in one scope. */
    public static TraceScope union(Collection<TraceScope> scopes) {
        Tracer tracer = null;
        List<Target> targets = new ArrayList<>();
        for (TraceScope scope : scopes) {
            if (!scope.isEmpty()) {
                tracer = scope.tracer;
                targets.addAll(scope.targets);
            }
        }
        return targets.isEmpty() ? NONE : new TraceScope(tracer, targets);
    }

    public boolean isEmpty() {
        return targets.isEmpty();
    }

    public List<Target> targets() {
        return targets;
    }

    /** The trace of the first target, or {@code null} for the empty scope. */
    public String traceId() {
        return targets.isEmpty() ? null : targets.get(0).traceId();
    }

    /** Makes this the scope of the calling thread until the returned activation is closed (which restores the last). */
    public Activation activate() {
        TraceScope previous = ACTIVE.get();
        ACTIVE.set(this);
        return () -> ACTIVE.set(previous);
    }

    /** Starts a subsegment in every target; its {@link Span#scope()} is where work inside it is recorded. */
    public Span subsegment(String name) {
        if (isEmpty()) {
            return Span.NONE;
        }
        List<SegmentDocument> documents = new ArrayList<>(targets.size());
        for (Target target : targets) {
            documents.add(SegmentDocument.subsegment(name, target.traceId(), target.parentId(), tracer.now()));
        }
        return new Span(tracer, documents);
    }

    /** {@code task}, to run in this scope on whatever thread runs it. */
    public Runnable wrap(Runnable task) {
        if (isEmpty()) {
            return task;
        }
        return () -> {
            try (Activation activation = activate()) {
                task.run();
            }
        };
    }

    /** {@code task}, to run in this scope on whatever thread runs it. */
    public <T> Supplier<T> wrap(Supplier<T> task) {
        if (isEmpty()) {
            return task;
        }
        return () -> {
            try (Activation activation = activate()) {
                return task.get();
            }
        };
    }

    /** An active scope; closing it restores the scope that was active before. */
    @FunctionalInterface
    public interface Activation extends AutoCloseable {
        @Override
        void close();
    }
}
