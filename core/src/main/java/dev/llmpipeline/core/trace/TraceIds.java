package dev.llmpipeline.core.trace;

/**
 * The X-Ray trace of the current invocation. With active tracing the Java runtime puts the trace header
 * ({@code Root=1-...;Parent=...;Sampled=1}) in a system property per invocation, and in {@code _X_AMZN_TRACE_ID}.
 */
public final class TraceIds {
    private static final String PROPERTY = "com.amazonaws.xray.traceHeader";

    private TraceIds() {
    }

    /** The trace id ({@code 1-...}) of the running invocation, or {@code null} when it is not traced. */
    public static String current() {
        String header = System.getProperty(PROPERTY);
        if (header == null) {
            header = System.getenv("_X_AMZN_TRACE_ID");
        }
        return rootOf(header);
    }

    /** The {@code Root} of a trace header, or {@code null}. */
    public static String rootOf(String header) {
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            String trimmed = part.trim();
            if (trimmed.startsWith("Root=")) {
                return trimmed.substring("Root=".length());
            }
        }
        return null;
    }
}
