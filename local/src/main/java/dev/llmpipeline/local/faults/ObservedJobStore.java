package dev.llmpipeline.local.faults;

import dev.llmpipeline.core.job.Job;
import dev.llmpipeline.core.job.JobError;
import dev.llmpipeline.core.port.CancelResult;
import dev.llmpipeline.core.port.FailResult;
import dev.llmpipeline.core.port.ClaimResult;
import dev.llmpipeline.core.port.Completion;
import dev.llmpipeline.core.port.IdempotencyRecord;
import dev.llmpipeline.core.port.JobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The worker's job store as the local stack hands it over: every completion is counted in the ledger, and while
 * the current invocation is doomed the first attempt to store dies, after the jobs were claimed and before anything
 * was stored.
 */
final class ObservedJobStore implements JobStore {
    private final JobStore delegate;
    private final CompletionLedger ledger;
    private final BooleanSupplier crashing;

    ObservedJobStore(JobStore delegate, CompletionLedger ledger, BooleanSupplier crashing) {
        this.delegate = delegate;
        this.ledger = ledger;
        this.crashing = crashing;
    }

    @Override
    public boolean complete(Completion completion) {
        if (crashing.getAsBoolean()) {
            throw new InvocationCrash();
        }
        boolean stored = delegate.complete(completion);
        ledger.record(completion.jobId(), stored);
        return stored;
    }

    @Override
    public void create(Job job) {
        delegate.create(job);
    }

    @Override
    public Optional<Job> find(String jobId) {
        return delegate.find(jobId);
    }

    @Override
    public boolean deleteIfQueued(String jobId) {
        return delegate.deleteIfQueued(jobId);
    }

    @Override
    public ClaimResult claim(String jobId, Instant now, Duration lease, int attempt) {
        return delegate.claim(jobId, now, lease, attempt);
    }

    @Override
    public FailResult failIfAbandoned(String jobId, JobError error, Instant now) {
        return delegate.failIfAbandoned(jobId, error, now);
    }

    @Override
    public CancelResult cancel(String jobId, Instant now) {
        return delegate.cancel(jobId, now);
    }

    @Override
    public Optional<IdempotencyRecord> reserveIdempotencyKey(IdempotencyRecord record) {
        return delegate.reserveIdempotencyKey(record);
    }
}
