package dev.llmpipeline.core.port;

import java.util.Objects;

/**
 * A place in a batch's results: after the job that finished at {@code completedAtMillis} with id {@code jobId}.
 * Results are ordered by when they finished, so a job finishing later always lands after every position handed out.
 */
public record ResultsPosition(long completedAtMillis, String jobId) {
    public ResultsPosition {
        Objects.requireNonNull(jobId, "jobId");
    }
}
