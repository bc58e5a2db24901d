package dev.llmpipeline.core.testing;

import dev.llmpipeline.core.job.Batch;
import dev.llmpipeline.core.job.BatchState;
import dev.llmpipeline.core.job.Job;
import dev.llmpipeline.core.job.JobError;
import dev.llmpipeline.core.job.JobStatus;
import dev.llmpipeline.core.job.Timings;
import dev.llmpipeline.core.port.BatchStore;
import dev.llmpipeline.core.port.CancelResult;
import dev.llmpipeline.core.port.FailResult;
import dev.llmpipeline.core.port.ClaimResult;
import dev.llmpipeline.core.port.Completion;
import dev.llmpipeline.core.port.IdempotencyRecord;
import dev.llmpipeline.core.port.JobAlreadyExistsException;
import dev.llmpipeline.core.port.JobStore;
import dev.llmpipeline.core.port.JobSummary;
import dev.llmpipeline.core.port.ResultsPage;
import dev.llmpipeline.core.port.ResultsPosition;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link JobStore} and {@link BatchStore} in memory with the same conditional semantics as the DynamoDB ones
 * (its batch index has no lag). Thread-safe.
 */
public final class InMemoryJobStore implements JobStore, BatchStore {
    private record Lease(String token, Instant expiresAt) {}

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final Map<String, Lease> leases = new ConcurrentHashMap<>();
    private final Map<String, IdempotencyRecord> idempotency = new ConcurrentHashMap<>();
    private final AtomicInteger suppressedCompletions = new AtomicInteger();
    private final Map<String, Batch> batches = new ConcurrentHashMap<>();

    @Override
    public synchronized void create(Job job) {
        if (jobs.putIfAbsent(job.jobId(), job) != null) {
            throw new JobAlreadyExistsException(job.jobId());
        }
    }

    @Override
    public Optional<Job> find(String jobId) {
        return Optional.ofNullable(jobs.get(jobId));
    }

    @Override
    public synchronized boolean deleteIfQueued(String jobId) {
        Job job = jobs.get(jobId);
        if (job == null || job.status() != JobStatus.QUEUED) {
            return false;
        }
        jobs.remove(jobId);
        return true;
    }

    @Override
    public synchronized ClaimResult claim(String jobId, Instant now, Duration lease, int attempt) {
        Job job = jobs.get(jobId);
        if (job == null) {
            return new ClaimResult.Missing(jobId);
        }
        if (job.status().isTerminal()) {
            return new ClaimResult.Finished(job);
        }
        Lease current = leases.get(jobId);
        if (job.status() == JobStatus.RUNNING && current != null && !current.expiresAt().isBefore(now)) {
            return new ClaimResult.HeldElsewhere(job);
        }
        Lease granted = new Lease(UUID.randomUUID().toString(), now.plus(lease));
        leases.put(jobId, granted);
        Job running = new Job(job.jobId(), job.owner(), JobStatus.RUNNING, job.prompt(), job.params(), job.customId(),
                job.batchId(), job.metadata(), job.createdAt(), job.startedAt() == null ? now : job.startedAt(),
                null, null, null, null, job.traceId());
        jobs.put(jobId, running);
        return new ClaimResult.Claimed(running, granted.token(), granted.expiresAt());
    }

    @Override
    public synchronized boolean complete(Completion completion) {
        Job job = jobs.get(completion.jobId());
        Lease lease = leases.get(completion.jobId());
        if (job == null || job.status() != JobStatus.RUNNING || lease == null
                || !lease.token().equals(completion.claimToken())) {
            suppressedCompletions.incrementAndGet();
            return false;
        }
        leases.remove(completion.jobId());
        jobs.put(job.jobId(), new Job(job.jobId(), job.owner(), completion.status(), job.prompt(), job.params(),
                job.customId(), job.batchId(), job.metadata(), job.createdAt(), job.startedAt(),
                completion.completedAt(), completion.output(), completion.error(), completion.timings(),
                job.traceId()));
        return true;
    }

    @Override
    public synchronized FailResult failIfAbandoned(String jobId, JobError error, Instant now) {
        Job job = jobs.get(jobId);
        if (job == null) {
            return FailResult.MISSING;
        }
        if (job.status().isTerminal()) {
            return FailResult.TERMINAL;
        }
        Lease lease = leases.get(jobId);
        if (job.status() == JobStatus.RUNNING && lease != null && !lease.expiresAt().isBefore(now)) {
            return FailResult.HELD;
        }
        leases.remove(jobId);
        long total = now.toEpochMilli() - job.createdAt().toEpochMilli();
        jobs.put(jobId, new Job(job.jobId(), job.owner(), JobStatus.FAILED, job.prompt(), job.params(), job.customId(),
                job.batchId(), job.metadata(), job.createdAt(), job.startedAt(), now, null, error,
                new Timings(0, 0, total, job.timings() == null ? 0 : job.timings().attempts(), 0), job.traceId()));
        return FailResult.FAILED;
    }

    @Override
    public synchronized CancelResult cancel(String jobId, Instant now) {
        Job job = jobs.get(jobId);
        if (job == null) {
            return new CancelResult.Missing(jobId);
        }
        if (job.status() != JobStatus.QUEUED) {
            return new CancelResult.NotCancellable(job);
        }
        Job cancelled = new Job(job.jobId(), job.owner(), JobStatus.CANCELLED, job.prompt(), job.params(),
                job.customId(), job.batchId(), job.metadata(), job.createdAt(), null, now, null, null, null,
                job.traceId());
        jobs.put(jobId, cancelled);
        return new CancelResult.Cancelled(cancelled);
    }

    @Override
    public Optional<IdempotencyRecord> reserveIdempotencyKey(IdempotencyRecord record) {
        IdempotencyRecord existing = idempotency.putIfAbsent(record.owner() + "\u0000" + record.key(), record);
        return Optional.ofNullable(existing);
    }

    @Override
    public void createBatch(Batch batch) {
        if (batches.putIfAbsent(batch.batchId(), batch) != null) {
            throw new IllegalStateException("batch " + batch.batchId() + " exists already");
        }
    }

    @Override
    public Optional<Batch> findBatch(String batchId) {
        return Optional.ofNullable(batches.get(batchId));
    }

    @Override
    public synchronized void markAccepted(String batchId) {
        Batch batch = batches.get(batchId);
        batches.put(batchId, new Batch(batchId, batch.owner(), BatchState.ACCEPTED, batch.createdAt(), null,
                batch.total(), batch.metadata()));
    }

    @Override
    public synchronized boolean markCancelled(String batchId, Instant now) {
        Batch batch = batches.get(batchId);
        if (batch == null || batch.state() != BatchState.ACCEPTED) {
            return false;
        }
        batches.put(batchId, new Batch(batchId, batch.owner(), BatchState.CANCELLED, batch.createdAt(), now,
                batch.total(), batch.metadata()));
        return true;
    }

    @Override
    public void deleteBatch(String batchId) {
        batches.remove(batchId);
    }

    @Override
    public void putJobs(List<Job> newJobs) {
        newJobs.forEach(job -> jobs.put(job.jobId(), job));
    }

    @Override
    public List<JobSummary> jobsOf(String batchId) {
        return jobs.values().stream().filter(job -> batchId.equals(job.batchId()))
                .map(job -> new JobSummary(job.jobId(), job.status(), job.startedAt(), job.completedAt())).toList();
    }

    @Override
    public ResultsPage results(String batchId, Optional<ResultsPosition> after, Instant settledBefore, int limit) {
        Comparator<Job> finishingOrder = Comparator.<Job>comparingLong(job -> job.completedAt().toEpochMilli())
                .thenComparing(Job::jobId);
        List<Job> finished = jobs.values().stream()
                .filter(job -> batchId.equals(job.batchId()) && job.status().isTerminal())
                .filter(job -> job.completedAt().isBefore(settledBefore))
                .filter(job -> after.isEmpty() || finishingOrder.compare(job, marker(after.get())) > 0)
                .sorted(finishingOrder)
                .toList();
        List<Job> page = finished.subList(0, Math.min(limit, finished.size()));
        Optional<ResultsPosition> next = finished.size() > limit
                ? Optional.of(new ResultsPosition(page.get(page.size() - 1).completedAt().toEpochMilli(),
                        page.get(page.size() - 1).jobId()))
                : Optional.empty();
        return new ResultsPage(page, next);
    }

    private static Job marker(ResultsPosition position) {
        return new Job(position.jobId(), "-", JobStatus.SUCCEEDED, "", new dev.llmpipeline.core.job.GenerationParams(1),
                null, null, null, Instant.EPOCH, null, Instant.ofEpochMilli(position.completedAtMillis()), null,
                null, null, null);
    }

    /** Every job, in no particular order. */
    public List<Job> jobs() {
        return List.copyOf(jobs.values());
    }

    /** Completions refused because the claim was no longer theirs. */
    public int suppressedCompletions() {
        return suppressedCompletions.get();
    }

    /** Lets a test stand in for a worker that died: the job stays running, its lease still counts. */
    public synchronized void put(Job job) {
        jobs.put(job.jobId(), job);
    }
}
