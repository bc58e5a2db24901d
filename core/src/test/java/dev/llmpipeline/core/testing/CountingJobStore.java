package dev.llmpipeline.core.testing;

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
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link JobStore} that counts the reads it passes on, to tell what a polling loop costs. Thread-safe. */
public final class CountingJobStore implements JobStore {
    private final JobStore delegate;
    private final AtomicInteger finds = new AtomicInteger();

    public CountingJobStore(JobStore delegate) {
        this.delegate = delegate;
    }

    /** Calls of {@link #find} so far. */
    public int finds() {
        return finds.get();
    }

    @Override
    public void create(Job job) {
        delegate.create(job);
    }

    @Override
    public Optional<Job> find(String jobId) {
        finds.incrementAndGet();
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
    public boolean complete(Completion completion) {
        return delegate.complete(completion);
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
