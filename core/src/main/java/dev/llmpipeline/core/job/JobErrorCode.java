package dev.llmpipeline.core.job;

import java.util.Locale;

/** Why a job failed. The closed set the API documents for {@code error.code} of a failed job. */
public enum JobErrorCode {
    /** The model refused this prompt (the endpoint answered a model error for it alone). */
    MODEL_ERROR,
    /** The job's message exhausted its deliveries and was dead-lettered. */
    RETRIES_EXHAUSTED,
    /** A generation could not finish in the time the worker had. */
    TIMEOUT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobErrorCode fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
