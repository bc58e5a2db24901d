package dev.llmpipeline.core.job;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One prompt and everything known about its processing. Immutable; a state change is a new {@code Job}.
 *
 * @param owner the caller that submitted it (the JWT {@code sub}); only the owner may see or cancel it
 */
public record Job(
        String jobId,
        String owner,
        JobStatus status,
        String prompt,
        GenerationParams params,
        String customId,
        String batchId,
        Map<String, String> metadata,
        Instant createdAt,
        Instant startedAt,
        Instant completedAt,
        Generation output,
        JobError error,
        Timings timings,
        String traceId) {

    public Job {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(createdAt, "createdAt");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** A job just accepted by the API. */
    public static Job queued(String jobId, String owner, String prompt, GenerationParams params, String customId,
                             String batchId, Map<String, String> metadata, Instant createdAt, String traceId) {
        return new Job(jobId, owner, JobStatus.QUEUED, prompt, params, customId, batchId, metadata, createdAt,
                null, null, null, null, null, traceId);
    }

    /** Whether {@code caller} may see this job: anyone else gets the same answer as for a missing id. */
    public boolean isOwnedBy(String caller) {
        return owner.equals(caller);
    }
}
