package dev.llmpipeline.result;

import dev.llmpipeline.core.http.ApiException;
import dev.llmpipeline.core.http.BatchRepresentation;
import dev.llmpipeline.core.http.JobRepresentation;
import dev.llmpipeline.core.job.Batch;
import dev.llmpipeline.core.job.JobIds;
import dev.llmpipeline.core.job.JobStatus;
import dev.llmpipeline.core.port.BatchStore;
import dev.llmpipeline.core.port.JobSummary;
import dev.llmpipeline.core.port.ResultsPage;
import dev.llmpipeline.core.port.ResultsPosition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads batches for their owners: the batch object with counts taken from its jobs, and its results in the order
 * they finished ({@code completed_at}, which the worker stamps just before it writes the result).
 *
 * <p>Paging returns every result exactly once because a cursor never moves past a place where a result can still
 * appear. Two things can put a result behind a cursor already handed out: the results index is eventually consistent
 * (and workers' clocks differ slightly), which holding back the last {@code settle} covers; and a write that lands
 * long after its stamp (a worker slowed down or retrying its write), which the settle time alone cannot bound. For
 * that, results are also held back to before the first claim of any job still running: its stamp, when it comes,
 * cannot be earlier than that claim. Thread-safe.
 */
public final class BatchReader {
    /** A page of results, as the API returns it. */
    public record Page(List<JobRepresentation> results, String nextCursor) {}

    private final BatchStore batches;
    private final Clock clock;
    private final Duration settle;

    public BatchReader(BatchStore batches, Clock clock, Duration settle) {
        this.batches = batches;
        this.clock = clock;
        this.settle = settle;
    }

    /**
     * @throws ApiException 404 when there is no such batch of this owner
     */
    public BatchRepresentation read(String owner, String batchId) {
        return BatchRepresentation.of(visible(owner, batchId), batches.jobsOf(batchId));
    }

    /**
     * A page of finished jobs after {@code cursor}. The next cursor is {@code null} only once the batch has ended and
     * every result has been returned; until then it is always given, to poll again for results still to come.
     */
    public Page results(String owner, String batchId, int limit, Optional<String> cursor) {
        Batch batch = visible(owner, batchId);
        // A cursor at time zero is the start: handed out while nothing has finished yet.
        Optional<ResultsPosition> after = cursor.map(value -> ResultsCursor.decode(batchId, value))
                .filter(position -> position.completedAtMillis() > 0);
        // The clock is read before the jobs: a job read as queued cannot finish before this moment, however long
        // the read of a large batch takes.
        Instant now = clock.instant();
        List<JobSummary> jobs = batches.jobsOf(batchId);
        Instant settledBefore = settledBefore(now, jobs);
        ResultsPage page = batches.results(batchId, after, settledBefore, limit);
        List<JobRepresentation> results = page.jobs().stream().map(JobRepresentation::of).toList();
        Optional<ResultsPosition> last = page.jobs().isEmpty() ? after : Optional.of(new ResultsPosition(
                page.jobs().get(page.jobs().size() - 1).completedAt().toEpochMilli(),
                page.jobs().get(page.jobs().size() - 1).jobId()));
        if (page.next().isPresent()) {
            return new Page(results, ResultsCursor.encode(batchId, page.next().get()));
        }
        boolean allReturned = everyResultSettled(batch, jobs, settledBefore);
        String next = allReturned ? null : last.map(position -> ResultsCursor.encode(batchId, position))
                .orElse(ResultsCursor.encode(batchId, new ResultsPosition(0, JobIds.ZERO)));
        return new Page(results, next);
    }

    /** Results stamped before this are all in the index: none can still appear behind it. */
    private Instant settledBefore(Instant now, List<JobSummary> jobs) {
        Instant settled = now.minus(settle);
        for (JobSummary job : jobs) {
            if (job.status() == JobStatus.RUNNING && job.startedAt() != null && job.startedAt().isBefore(settled)) {
                settled = job.startedAt();
            }
        }
        return settled;
    }

    /** Whether every job of the batch has ended, long enough ago to be in the results already read. */
    private static boolean everyResultSettled(Batch batch, List<JobSummary> jobs, Instant settledBefore) {
        return jobs.size() >= batch.total()
                && jobs.stream().allMatch(job -> job.status().isTerminal() && job.completedAt() != null
                        && job.completedAt().isBefore(settledBefore));
    }

    private Batch visible(String owner, String batchId) {
        if (!JobIds.isWellFormed(batchId)) {
            throw ApiException.notFound("batch", batchId);
        }
        return batches.findBatch(batchId).filter(batch -> batch.isVisibleTo(Objects.requireNonNull(owner)))
                .orElseThrow(() -> ApiException.notFound("batch", batchId));
    }
}
