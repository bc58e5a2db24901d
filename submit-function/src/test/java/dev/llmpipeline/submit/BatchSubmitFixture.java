package dev.llmpipeline.submit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.llmpipeline.core.job.Job;
import dev.llmpipeline.core.job.JobStatus;
import dev.llmpipeline.core.port.JobQueue;
import dev.llmpipeline.core.testing.InMemoryJobStore;
import dev.llmpipeline.core.testing.LocalTelemetry;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The submit function's batch routes over fakes: {@link SubmitFixture}'s store and clock, a batch store that records
 * what it is asked, and a queue and executor of the test's choosing. Close it to stop its writer threads.
 */
final class BatchSubmitFixture implements AutoCloseable {
    final SubmitFixture base = new SubmitFixture();
    final InMemoryJobStore store = base.store;
    final RecordingBatchStore batches = new RecordingBatchStore(store);
    final FaultyJobQueue queue;
    private final ExecutorService writers;
    private final SubmitHandler handler;

    /** One writer thread per chunk at most {@code threads} at a time; 0 runs every chunk on the caller's thread. */
    BatchSubmitFixture(FaultyJobQueue queue, int threads) {
        this.queue = queue;
        queue.requireStored(jobId -> store.find(jobId).isPresent());
        this.writers = threads > 0 ? Executors.newFixedThreadPool(threads) : null;
        Executor executor = writers == null ? Runnable::run : writers;
        this.handler = handler(queue, executor);
    }

    /** A healthy queue, chunks run one after the other. */
    BatchSubmitFixture() {
        this(FaultyJobQueue.healthy(), 0);
    }

    private SubmitHandler handler(JobQueue jobQueue, Executor executor) {
        return new SubmitHandler(new JobSubmitter(store, jobQueue, base.clock, base.metrics),
                new BatchSubmitter(store, batches, jobQueue, executor, base.clock, base.metrics),
                SubmissionReader.of(8000, 512, 128), LocalTelemetry.of(SubmitHandler.SERVICE));
    }

    APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, base.context);
    }

    /** Every stored job of a batch. */
    List<Job> jobsOf(String batchId) {
        return store.jobs().stream().filter(job -> batchId.equals(job.batchId())).toList();
    }

    /** The stored jobs of a batch that are still queued. */
    List<Job> queuedJobsOf(String batchId) {
        return jobsOf(batchId).stream().filter(job -> job.status() == JobStatus.QUEUED).toList();
    }

    @Override
    public void close() {
        if (writers != null) {
            writers.shutdownNow();
        }
    }
}
