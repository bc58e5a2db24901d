package dev.llmpipeline.result;

import dev.llmpipeline.core.http.ApiException;
import dev.llmpipeline.core.job.Job;
import dev.llmpipeline.core.job.JobIds;
import dev.llmpipeline.core.port.JobStore;
import dev.llmpipeline.core.time.Pause;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads jobs for their owners, optionally long-polling until the job is terminal. Polling starts fast (a job often
 * finishes within a second) and backs off, which keeps the added latency small and the reads per wait few. A job of
 * another owner is reported exactly like a missing one, so ids cannot be probed. Thread-safe.
 */
public final class JobReader {
    private static final Duration FIRST_POLL = Duration.ofMillis(50);
    // A waiting client learns of its result at most this late; a 20 s wait costs about 100 eventually consistent reads.
    private static final Duration MAX_POLL = Duration.ofMillis(200);

    private final JobStore store;
    private final Clock clock;
    private final Pause pause;

    public JobReader(JobStore store, Clock clock, Pause pause) {
        this.store = store;
        this.clock = clock;
        this.pause = pause;
    }

    /**
     * The job as it is now, or once it is terminal if that happens within {@code wait}.
     *
     * @throws ApiException 404 when there is no such job of this owner
     */
    public Job read(String owner, String jobId, Duration wait) {
        Instant deadline = clock.instant().plus(wait);
        Duration interval = FIRST_POLL;
        while (true) {
            Job job = find(owner, jobId).orElseThrow(() -> ApiException.notFound("job", jobId));
            Duration left = Duration.between(clock.instant(), deadline);
            if (job.status().isTerminal() || left.isNegative() || left.isZero()
                    || Thread.currentThread().isInterrupted()) {
                return job;
            }
            pause.pause(interval.compareTo(left) < 0 ? interval : left);
            interval = interval.multipliedBy(2).compareTo(MAX_POLL) < 0 ? interval.multipliedBy(2) : MAX_POLL;
        }
    }

    private Optional<Job> find(String owner, String jobId) {
        if (!JobIds.isWellFormed(jobId)) {
            return Optional.empty();
        }
        return store.find(jobId).filter(job -> job.isOwnedBy(owner));
    }
}
