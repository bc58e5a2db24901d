package dev.llmpipeline.core.http;

import dev.llmpipeline.core.job.Batch;
import dev.llmpipeline.core.job.BatchState;
import dev.llmpipeline.core.job.RequestCounts;
import dev.llmpipeline.core.port.JobSummary;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;

/**
 * The batch object of the API. Its status and counts are read from its jobs, so they always agree with them:
 * {@code completed} once no job is queued or running, {@code cancelled} once the client cancelled it, else
 * {@code in_progress}; {@code completed_at} is when its last job ended.
 */
public record BatchRepresentation(String batchId, String status, String createdAt, String completedAt,
                                  RequestCounts requestCounts, Map<String, String> metadata) {

    /** The representation of a batch whose jobs are {@code jobs}. */
    public static BatchRepresentation of(Batch batch, Collection<JobSummary> jobs) {
        RequestCounts counts = RequestCounts.of(jobs.stream().map(JobSummary::status).toList());
        boolean ended = counts.allTerminal() && counts.total() >= batch.total();
        String status = batch.state() == BatchState.CANCELLED ? "cancelled" : ended ? "completed" : "in_progress";
        Instant lastEnd = ended ? jobs.stream().map(JobSummary::completedAt)
                .filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null) : null;
        // Until the index has caught up with every job, count the missing ones as queued: they were stored so.
        RequestCounts reported = counts.total() >= batch.total() ? counts
                : new RequestCounts(batch.total(), counts.queued() + batch.total() - counts.total(), counts.running(),
                        counts.succeeded(), counts.failed(), counts.cancelled());
        return new BatchRepresentation(batch.batchId(), status, JobRepresentation.iso(batch.createdAt()),
                JobRepresentation.iso(lastEnd), reported, batch.metadata());
    }
}
