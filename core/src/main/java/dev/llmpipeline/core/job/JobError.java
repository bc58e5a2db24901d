package dev.llmpipeline.core.job;

import java.util.Objects;

/** The reason a job failed, as the client sees it. */
public record JobError(JobErrorCode code, String message) {
    public JobError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
