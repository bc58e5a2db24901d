package dev.llmpipeline.submit;

import dev.llmpipeline.core.job.Batch;
import dev.llmpipeline.core.job.Job;
import dev.llmpipeline.core.port.BatchStore;
import dev.llmpipeline.core.port.JobSummary;
import dev.llmpipeline.core.port.ResultsPage;
import dev.llmpipeline.core.port.ResultsPosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link BatchStore} that records the batches created and the size of every {@link #putJobs} call. Thread-safe. */
final class RecordingBatchStore implements BatchStore {
    private final BatchStore delegate;
    private final List<Integer> putSizes = new CopyOnWriteArrayList<>();
    private final List<String> created = new CopyOnWriteArrayList<>();

    RecordingBatchStore(BatchStore delegate) {
        this.delegate = delegate;
    }

    /** The number of jobs of each {@link #putJobs} call, in no particular order. */
    List<Integer> putSizes() {
        return new ArrayList<>(putSizes);
    }

    /** The ids of every batch created, in order. */
    List<String> createdBatchIds() {
        return new ArrayList<>(created);
    }

    @Override
    public void createBatch(Batch batch) {
        created.add(batch.batchId());
        delegate.createBatch(batch);
    }

    @Override
    public Optional<Batch> findBatch(String batchId) {
        return delegate.findBatch(batchId);
    }

    @Override
    public void markAccepted(String batchId) {
        delegate.markAccepted(batchId);
    }

    @Override
    public boolean markCancelled(String batchId, Instant now) {
        return delegate.markCancelled(batchId, now);
    }

    @Override
    public void deleteBatch(String batchId) {
        delegate.deleteBatch(batchId);
    }

    @Override
    public void putJobs(List<Job> jobs) {
        putSizes.add(jobs.size());
        delegate.putJobs(jobs);
    }

    @Override
    public List<JobSummary> jobsOf(String batchId) {
        return delegate.jobsOf(batchId);
    }

    @Override
    public ResultsPage results(String batchId, Optional<ResultsPosition> after, Instant settledBefore, int limit) {
        return delegate.results(batchId, after, settledBefore, limit);
    }
}
