package dev.llmpipeline.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmpipeline.core.job.Batch;
import dev.llmpipeline.core.job.BatchState;
import dev.llmpipeline.core.job.JobStatus;
import dev.llmpipeline.core.job.RequestCounts;
import dev.llmpipeline.core.port.JobSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The batch object is computed from its jobs; while the index lags, the jobs it has not seen yet count as queued. */
class BatchRepresentationTest {
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void isInProgressWithCountsOfEveryStatusWhileAJobIsQueuedOrRunning() {
        List<JobSummary> jobs = List.of(job(JobStatus.QUEUED, null), job(JobStatus.RUNNING, null),
                job(JobStatus.SUCCEEDED, 10), job(JobStatus.FAILED, 20), job(JobStatus.CANCELLED, 30));

        BatchRepresentation batch = BatchRepresentation.of(batch(BatchState.ACCEPTED, 5), jobs);

        assertThat(batch.status()).isEqualTo("in_progress");
        assertThat(batch.requestCounts()).isEqualTo(new RequestCounts(5, 1, 1, 1, 1, 1));
        assertThat(batch.completedAt()).isNull();
        assertThat(batch.createdAt()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(batch.metadata()).containsEntry("project", "eval-7");
    }

    @Test
    void completesWhenEveryJobEndedAtTheLastEnd() {
        List<JobSummary> jobs = List.of(job(JobStatus.SUCCEEDED, 900), job(JobStatus.FAILED, 1_500),
                job(JobStatus.CANCELLED, 40));

        BatchRepresentation batch = BatchRepresentation.of(batch(BatchState.ACCEPTED, 3), jobs);

        assertThat(batch.status()).isEqualTo("completed");
        assertThat(batch.completedAt()).isEqualTo("2026-01-01T00:00:01.500Z");
        assertThat(batch.requestCounts()).isEqualTo(new RequestCounts(3, 0, 0, 1, 1, 1));
    }

    @Test
    void staysCancelledOnceTheClientCancelledIt() {
        List<JobSummary> jobs = List.of(job(JobStatus.RUNNING, null), job(JobStatus.CANCELLED, 40));

        BatchRepresentation running = BatchRepresentation.of(batch(BatchState.CANCELLED, 2), jobs);
        BatchRepresentation ended = BatchRepresentation.of(batch(BatchState.CANCELLED, 2),
                List.of(job(JobStatus.SUCCEEDED, 700), job(JobStatus.CANCELLED, 40)));

        assertThat(running.status()).isEqualTo("cancelled");
        assertThat(running.completedAt()).isNull();
        assertThat(ended.status()).isEqualTo("cancelled");
        assertThat(ended.completedAt()).isEqualTo("2026-01-01T00:00:00.700Z");
    }

    @Test
    void countsJobsTheIndexHasNotShownYetAsQueuedAndIsNotCompletedMeanwhile() {
        List<JobSummary> seen = new ArrayList<>(List.of(job(JobStatus.SUCCEEDED, 100), job(JobStatus.SUCCEEDED, 200)));

        BatchRepresentation batch = BatchRepresentation.of(batch(BatchState.ACCEPTED, 3), seen);

        assertThat(batch.requestCounts()).isEqualTo(new RequestCounts(3, 1, 0, 2, 0, 0));
        assertThat(batch.status()).isEqualTo("in_progress");
        assertThat(batch.completedAt()).as("an in-progress batch has no completion time").isNull();
    }

    private static Batch batch(BatchState state, int total) {
        return new Batch(UUID.randomUUID().toString(), "alice", state, CREATED,
                state == BatchState.CANCELLED ? CREATED.plusMillis(5) : null, total, Map.of("project", "eval-7"));
    }

    private static JobSummary job(JobStatus status, Integer completedAfterMillis) {
        return new JobSummary(UUID.randomUUID().toString(), status, null,
                completedAfterMillis == null ? null : CREATED.plusMillis(completedAfterMillis));
    }
}
