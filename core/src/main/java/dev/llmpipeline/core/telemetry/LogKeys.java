package dev.llmpipeline.core.telemetry;

/**
 * The keys our code puts on log events (SLF4J MDC), next to the ones Powertools adds ({@code function_request_id},
 * {@code cold_start}, {@code service}, ...). The JSON layout writes each as a top-level field.
 */
public final class LogKeys {
    /** The job a log line is about. */
    public static final String JOB_ID = "job_id";
    /** The batch of that job, or the batch a line is about. */
    public static final String BATCH_ID = "batch_id";

    private LogKeys() {
    }
}
