package dev.llmpipeline.core.port;

import dev.llmpipeline.core.job.Generation;
import dev.llmpipeline.core.job.JobError;
import dev.llmpipeline.core.job.JobStatus;
import dev.llmpipeline.core.job.Timings;
import java.time.Instant;
import java.util.Objects;

/** A job's result, stored under the claim that produced it. Exactly one of output and error is set. */
public record Completion(String jobId, String claimToken, JobStatus status, Generation output, JobError error,
                         Instant completedAt, Timings timings) {

    public Completion {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(claimToken, "claimToken");
        Objects.requireNonNull(completedAt, "completedAt");
        Objects.requireNonNull(timings, "timings");
        if (status == JobStatus.SUCCEEDED && (output == null || error != null)
                || status == JobStatus.FAILED && (error == null || output != null)
                || !status.isTerminal() || status == JobStatus.CANCELLED) {
            throw new IllegalArgumentException("a completion is succeeded with an output or failed with an error");
        }
    }

    public static Completion succeeded(String jobId, String claimToken, Generation output, Instant completedAt,
                                       Timings timings) {
        return new Completion(jobId, claimToken, JobStatus.SUCCEEDED, output, null, completedAt, timings);
    }

    public static Completion failed(String jobId, String claimToken, JobError error, Instant completedAt,
                                    Timings timings) {
        return new Completion(jobId, claimToken, JobStatus.FAILED, null, error, completedAt, timings);
    }
}
