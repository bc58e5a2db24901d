package dev.llmpipeline.core.telemetry;

/** The metric and dimension names, as they appear in CloudWatch (namespace from {@code POWERTOOLS_METRICS_NAMESPACE}). */
public final class MetricNames {
    public static final String JOBS_SUBMITTED = "JobsSubmitted";
    public static final String QUEUE_WAIT = "QueueWait";
    public static final String MODEL_LATENCY = "ModelLatency";
    public static final String MICRO_BATCH_SIZE = "MicroBatchSize";
    public static final String ENDPOINT_RETRIES = "EndpointRetries";
    public static final String JOBS_SUCCEEDED = "JobsSucceeded";
    public static final String JOBS_FAILED = "JobsFailed";
    /** The name Powertools gives it. */
    public static final String COLD_START = "ColdStart";

    /** Every metric is published with it: the function's {@code POWERTOOLS_SERVICE_NAME}. */
    public static final String SERVICE_DIMENSION = "Service";
    /** {@link #JOBS_FAILED} is published per error code (the wire name, e.g. {@code model_error}). */
    public static final String ERROR_CODE_DIMENSION = "ErrorCode";

    private MetricNames() {
    }
}
