package dev.llmpipeline.local.faults;

/**
 * An emulated death of a worker invocation, as a Lambda timeout or out-of-memory error ends it: an {@link Error}, so
 * that no handler code catches it and nothing after it runs; the event source treats it as a dead environment.
 */
public final class InvocationCrash extends Error {
    private static final long serialVersionUID = 1L;

    InvocationCrash() {
        super("emulated crash of the worker invocation (--crash-rate)", null, false, false);
    }
}
