package dev.llmpipeline.core.port;

import java.time.Instant;
import java.util.Objects;

/**
 * Binds a client's {@code Idempotency-Key} to the job it created and to a hash of the request that created it,
 * so that a retry with the same body gets the same job and a reuse with another body is a conflict.
 */
public record IdempotencyRecord(String owner, String key, String requestHash, String jobId, Instant createdAt) {
    public IdempotencyRecord {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(requestHash, "requestHash");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
