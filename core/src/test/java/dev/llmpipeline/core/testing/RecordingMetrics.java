package dev.llmpipeline.core.testing;

import dev.llmpipeline.core.job.JobErrorCode;
import dev.llmpipeline.core.telemetry.PipelineMetrics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every metric as a line such as {@code "QueueWait 480"} or {@code "JobsFailed model_error"}. Thread-safe. */
public final class RecordingMetrics implements PipelineMetrics {
    private final List<String> recorded = new CopyOnWriteArrayList<>();

    /** What was recorded, in order. */
    public List<String> recorded() {
        return List.copyOf(recorded);
    }

    @Override
    public void jobsSubmitted(int count) {
        recorded.add("JobsSubmitted " + count);
    }

    @Override
    public void queueWait(Duration wait) {
        recorded.add("QueueWait " + wait.toMillis());
    }

    @Override
    public void modelCall(int microBatchSize, Duration latency) {
        recorded.add("ModelCall " + microBatchSize + " " + latency.toMillis());
    }

    @Override
    public void endpointRetry() {
        recorded.add("EndpointRetry");
    }

    @Override
    public void jobSucceeded() {
        recorded.add("JobsSucceeded");
    }

    @Override
    public void jobFailed(JobErrorCode code) {
        recorded.add("JobsFailed " + code.wireName());
    }
}
