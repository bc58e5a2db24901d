package dev.llmpipeline.core.job;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A batch upload: many jobs accepted together. Its progress is not stored here but counted from its jobs, so it
 * always matches their real states.
 *
 * @param state    {@link BatchState#ACCEPTING} until every job is stored and enqueued; only then is it visible
 * @param total    the number of jobs in the batch
 */
public record Batch(String batchId, String owner, BatchState state, Instant createdAt, Instant cancelledAt,
                    int total, Map<String, String> metadata) {

    public Batch {
        Objects.requireNonNull(batchId, "batchId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** Whether {@code caller} may see this batch, and whether there is anything to see yet. */
    public boolean isVisibleTo(String caller) {
        return owner.equals(caller) && state != BatchState.ACCEPTING;
    }
}
