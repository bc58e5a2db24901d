package dev.llmpipeline.worker;

import dev.llmpipeline.core.job.Generation;
import dev.llmpipeline.core.job.GenerationParams;
import dev.llmpipeline.core.port.EndpointException;
import dev.llmpipeline.core.port.ModelEndpoint;
import dev.llmpipeline.core.telemetry.PipelineMetrics;
import dev.llmpipeline.core.time.Pause;
import dev.llmpipeline.core.trace.Span;
import dev.llmpipeline.core.trace.TraceScope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns claimed jobs into endpoint calls. Jobs are grouped by {@code max_new_tokens} (one call decodes until its
 * longest member stops, so mixing bounds would make short jobs wait for long ones), cut into micro-batches, and
 * run with bounded concurrency. Transient failures are retried with backoff while the invocation has time; a model
 * error is narrowed down by splitting the micro-batch in halves until the prompt that causes it stands alone, so the
 * other prompts still succeed. Each micro-batch's outcomes are handed to the sink as soon as it finishes, so a later
 * failure cannot cost results already made. Thread-safe.
 */
final class MicroBatchEngine {
    private static final Logger LOG = LoggerFactory.getLogger(MicroBatchEngine.class);

    private final ModelEndpoint endpoint;
    private final int microBatchSize;
    private final Executor callExecutor;
    private final Backoff backoff;
    private final Pause pause;
    private final Clock clock;
    private final PipelineMetrics metrics;

    /**
     * @param callExecutor runs micro-batches; its thread count bounds the endpoint calls in flight
     * @param metrics      receives each answered call's latency and size, and each retry
     */
    MicroBatchEngine(ModelEndpoint endpoint, int microBatchSize, Executor callExecutor, Backoff backoff,
                     Pause pause, Clock clock, PipelineMetrics metrics) {
        this.endpoint = endpoint;
        this.microBatchSize = microBatchSize;
        this.callExecutor = callExecutor;
        this.backoff = backoff;
        this.pause = pause;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Runs every job and returns when each has an outcome.
     *
     * @param deadline no call or retry starts after it, and no call runs past it
     * @param sink     receives the outcomes of each micro-batch as it finishes; called from several threads
     */
    void run(List<ClaimedJob> jobs, Instant deadline, Consumer<List<Outcome>> sink) {
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        for (List<ClaimedJob> microBatch : microBatches(jobs)) {
            calls.add(CompletableFuture.runAsync(() -> sink.accept(generate(microBatch, deadline)), callExecutor));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
    }

    /** Groups by {@code max_new_tokens} and cuts each group into micro-batches of at most the configured size. */
    List<List<ClaimedJob>> microBatches(List<ClaimedJob> jobs) {
        Map<Integer, List<ClaimedJob>> byBound = new TreeMap<>();
        for (ClaimedJob job : jobs) {
            byBound.computeIfAbsent(job.job().params().maxNewTokens(), bound -> new ArrayList<>()).add(job);
        }
        List<List<ClaimedJob>> microBatches = new ArrayList<>();
        for (List<ClaimedJob> group : byBound.values()) {
            for (int start = 0; start < group.size(); start += microBatchSize) {
                microBatches.add(List.copyOf(group.subList(start, Math.min(group.size(), start + microBatchSize))));
            }
        }
        return microBatches;
    }

    /** One micro-batch, with retries and poison isolation. */
    List<Outcome> generate(List<ClaimedJob> batch, Instant deadline) {
        GenerationParams params = batch.get(0).job().params();
        List<String> prompts = batch.stream().map(claimed -> claimed.job().prompt()).toList();
        boolean failedBefore = false;
        for (int retry = 0; ; retry++) {
            Duration timeLeft = Duration.between(clock.instant(), deadline);
            if (timeLeft.isNegative() || timeLeft.isZero() || Thread.currentThread().isInterrupted()) {
                return unfinished(batch, "no time left in this invocation", true);
            }
            Instant start = clock.instant();
            try {
                List<Generation> generations = call(batch, prompts, params, timeLeft, retry + 1);
                Duration latency = Duration.between(start, clock.instant());
                long modelMillis = latency.toMillis();
                if (generations.size() != batch.size()) {
                    throw new EndpointException(EndpointException.Kind.PERMANENT, "the endpoint answered "
                            + generations.size() + " generations for " + batch.size() + " prompts");
                }
                metrics.modelCall(batch.size(), latency);
                List<Outcome> outcomes = new ArrayList<>(batch.size());
                for (int index = 0; index < batch.size(); index++) {
                    outcomes.add(new Outcome.Generated(batch.get(index), generations.get(index), modelMillis,
                            batch.size()));
                }
                return outcomes;
            } catch (EndpointException e) {
                switch (e.kind()) {
                    case MODEL_ERROR:
                        return isolate(batch, deadline, e);
                    case PERMANENT:
                        LOG.error("endpoint call of {} prompt(s) failed permanently", batch.size(), e);
                        return unfinished(batch, e.getMessage(), false);
                    case TIMEOUT:
                        // It had all the time left: trying again in less time cannot finish it. After failed
                        // attempts, though, the failures used up the time: that is what went wrong.
                        return unfinished(batch, e.getMessage(), !failedBefore);
                    default:
                        failedBefore = true;
                        Duration wait = backoff.delay(retry);
                        if (clock.instant().plus(wait).isAfter(deadline)) {
                            return unfinished(batch, e.getMessage(), false);
                        }
                        LOG.warn("endpoint call of {} prompt(s) failed ({}); retry {} in {} ms", batch.size(),
                                e.getMessage(), retry + 1, wait.toMillis());
                        metrics.endpointRetry();
                        pause.pause(wait);
                }
            }
        }
    }

    /** One endpoint call, recorded in the trace of every job of the micro-batch. */
    private List<Generation> call(List<ClaimedJob> batch, List<String> prompts, GenerationParams params,
                                  Duration timeout, int attempt) {
        TraceScope jobs = TraceScope.union(batch.stream().map(claimed -> claimed.trace().scope()).toList());
        try (Span span = jobs.subsegment("micro-batch").annotate("micro_batch_size", batch.size())
                .annotate("attempt", attempt);
             TraceScope.Activation traced = span.scope().activate()) {
            return endpoint.generate(prompts, params, timeout);
        }
    }

    private List<Outcome> isolate(List<ClaimedJob> batch, Instant deadline, EndpointException error) {
        if (batch.size() == 1) {
            return List.of(new Outcome.Refused(batch.get(0), error.getMessage()));
        }
        int half = batch.size() / 2;
        List<Outcome> outcomes = new ArrayList<>(generate(batch.subList(0, half), deadline));
        outcomes.addAll(generate(batch.subList(half, batch.size()), deadline));
        return outcomes;
    }

    private static List<Outcome> unfinished(List<ClaimedJob> batch, String reason, boolean outOfTime) {
        return batch.stream().<Outcome>map(claimed -> new Outcome.Unfinished(claimed, reason, outOfTime)).toList();
    }
}
