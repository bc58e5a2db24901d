package dev.llmpipeline.worker;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import dev.llmpipeline.core.aws.SqsJobQueue;
import dev.llmpipeline.core.job.JobError;
import dev.llmpipeline.core.job.JobErrorCode;
import dev.llmpipeline.core.job.JobStatus;
import dev.llmpipeline.core.job.Timings;
import dev.llmpipeline.core.port.ClaimResult;
import dev.llmpipeline.core.port.Completion;
import dev.llmpipeline.core.port.JobStore;
import dev.llmpipeline.core.telemetry.LogContext;
import dev.llmpipeline.core.telemetry.PipelineMetrics;
import dev.llmpipeline.core.trace.Span;
import dev.llmpipeline.core.trace.TraceScope;
import dev.llmpipeline.core.trace.Tracer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes one SQS batch: claims each job, runs the claimed ones through the {@link MicroBatchEngine}, stores each
 * result with one conditional write, and reports as item failures exactly the messages that must come back: those
 * whose job has no result yet and may still get one. A message whose job is terminal is never reported.
 * Thread-safe.
 */
final class JobBatchProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(JobBatchProcessor.class);
    /** The system attribute in which SQS hands on the trace header of the request that sent the message. */
    private static final String TRACE_HEADER = "AWSTraceHeader";

    private final JobStore store;
    private final MicroBatchEngine engine;
    private final Executor storeExecutor;
    private final Duration claimLease;
    private final int maxReceiveCount;
    private final Clock clock;
    private final PipelineMetrics metrics;
    private final Tracer tracer;

    /** A processor that traces nothing. */
    JobBatchProcessor(JobStore store, MicroBatchEngine engine, Executor storeExecutor, Duration claimLease,
                      int maxReceiveCount, Clock clock, PipelineMetrics metrics) {
        this(store, engine, storeExecutor, claimLease, maxReceiveCount, clock, metrics, Tracer.disabled());
    }

    /**
     * @param storeExecutor runs the claims of a batch in parallel
     * @param metrics       receives each job's queue wait and end (succeeded, failed by code)
     * @param tracer        records the work for each job in the job's trace
     */
    JobBatchProcessor(JobStore store, MicroBatchEngine engine, Executor storeExecutor, Duration claimLease,
                      int maxReceiveCount, Clock clock, PipelineMetrics metrics, Tracer tracer) {
        this.tracer = tracer;
        this.store = store;
        this.engine = engine;
        this.storeExecutor = storeExecutor;
        this.claimLease = claimLease;
        this.maxReceiveCount = maxReceiveCount;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** {@link #process(List, Instant, String)} under a default function name. */
    SQSBatchResponse process(List<SQSMessage> messages, Instant deadline) {
        return process(messages, deadline, "WorkerFunction");
    }

    /**
     * @param deadline     when the engine must stop starting work, leaving time to store results and answer
     * @param functionName names this function's segment in each job's trace
     */
    SQSBatchResponse process(List<SQSMessage> messages, Instant deadline, String functionName) {
        Instant receivedAt = clock.instant();
        Set<String> failures = ConcurrentHashMap.newKeySet();
        List<Span> segments = new ArrayList<>();
        try {
            List<CompletableFuture<Optional<ClaimedJob>>> claims = new ArrayList<>();
            for (SQSMessage message : messages) {
                // The job's trace continues here: the segment hangs under the SQS call that enqueued the job.
                Span segment = tracer.segment(message.getAttributes() == null ? null
                        : message.getAttributes().get(TRACE_HEADER), functionName);
                segments.add(segment);
                claims.add(CompletableFuture.supplyAsync(segment.scope().wrap(
                        () -> claim(message, receivedAt, failures, segment)), storeExecutor));
            }
            List<ClaimedJob> claimed = claims.stream().map(CompletableFuture::join).flatMap(Optional::stream)
                    .toList();
            engine.run(claimed, deadline, outcomes -> outcomes.forEach(outcome -> {
                Span segment = outcome.claimed().trace();
                try (TraceScope.Activation traced = segment.scope().activate()) {
                    if (!store(outcome)) {
                        failures.add(outcome.claimed().messageId());
                    }
                }
                segment.annotate("outcome", outcome.getClass().getSimpleName().toLowerCase(Locale.ROOT)).close();
            }));
        } finally {
            // Jobs that were not claimed, or whose outcome never came: their segments end with the invocation.
            segments.forEach(Span::close);
        }
        return SQSBatchResponse.builder()
                .withBatchItemFailures(failures.stream().map(SQSBatchResponse.BatchItemFailure::new).toList())
                .build();
    }

    private Optional<ClaimedJob> claim(SQSMessage message, Instant receivedAt, Set<String> failures, Span segment) {
        String jobId = SqsJobQueue.jobIdOf(message.getBody()).orElse(null);
        segment.annotate("job_id", String.valueOf(jobId));
        if (jobId == null) {
            // Not one of ours: it can never be processed, and returning it would only cycle it to the DLQ.
            LOG.error("message {} has no job_id; dropped", message.getMessageId());
            return Optional.empty();
        }
        int attempt = attributeAsInt(message, "ApproximateReceiveCount", 1);
        try (LogContext.Scope ignored = LogContext.forJob(jobId, null)) {
            return claim(message, jobId, attempt, receivedAt, failures, segment);
        }
    }

    private Optional<ClaimedJob> claim(SQSMessage message, String jobId, int attempt, Instant receivedAt,
                                       Set<String> failures, Span segment) {
        try {
            ClaimResult result = store.claim(jobId, clock.instant(), claimLease, attempt);
            if (result instanceof ClaimResult.Claimed claimed) {
                Instant sentAt = Instant.ofEpochMilli(attributeAsLong(message, "SentTimestamp",
                        claimed.job().createdAt().toEpochMilli()));
                metrics.queueWait(Duration.between(sentAt, receivedAt));
                if (claimed.job().batchId() != null) {
                    segment.annotate("batch_id", claimed.job().batchId());
                }
                return Optional.of(new ClaimedJob(claimed.job(), claimed.claimToken(), message.getMessageId(), sentAt,
                        receivedAt, attempt, segment));
            }
            if (result instanceof ClaimResult.HeldElsewhere) {
                LOG.info("job {} is held by another invocation; message {} will come back", jobId,
                        message.getMessageId());
                failures.add(message.getMessageId());
            } else if (result instanceof ClaimResult.Missing) {
                LOG.warn("job {} does not exist (its submit was rolled back); message {} dropped", jobId,
                        message.getMessageId());
            } else {
                LOG.info("job {} is terminal already; duplicate message {} acknowledged", jobId,
                        message.getMessageId());
            }
        } catch (RuntimeException e) {
            LOG.error("claim of job {} failed; message {} will come back", jobId, message.getMessageId(), e);
            failures.add(message.getMessageId());
        }
        return Optional.empty();
    }

    /** Stores one outcome; returns false when the message must come back. */
    private boolean store(Outcome outcome) {
        ClaimedJob claimed = outcome.claimed();
        try (LogContext.Scope ignored = LogContext.forJob(claimed.job().jobId(), claimed.job().batchId())) {
            return storeInScope(outcome);
        }
    }

    private boolean storeInScope(Outcome outcome) {
        ClaimedJob claimed = outcome.claimed();
        String jobId = claimed.job().jobId();
        if (outcome instanceof Outcome.Unfinished unfinished && claimed.attempt() < maxReceiveCount) {
            LOG.warn("job {} unfinished ({}); message {} will come back", jobId, unfinished.reason(),
                    claimed.messageId());
            return false;
        }
        try {
            Completion completion = completion(outcome);
            if (store.complete(completion)) {
                recordEnd(completion);
            } else {
                // Another delivery finished it, or it was re-claimed after our lease ran out: keep the first result.
                LOG.info("job {} was completed elsewhere; this duplicate result was not stored", jobId);
            }
            return true;
        } catch (RuntimeException e) {
            LOG.error("storing the result of job {} failed; message {} will come back", jobId, claimed.messageId(), e);
            return false;
        }
    }

    /** Counts and logs a stored result: its code and timings only, never the prompt, the output or the message. */
    private void recordEnd(Completion completion) {
        Timings timings = completion.timings();
        if (completion.status() == JobStatus.SUCCEEDED) {
            metrics.jobSucceeded();
            LOG.info("job {} succeeded: queue {} ms, model {} ms, micro-batch of {}, attempt {}", completion.jobId(),
                    timings.queueMs(), timings.modelMs(), timings.modelBatchSize(), timings.attempts());
        } else {
            metrics.jobFailed(completion.error().code());
            LOG.info("job {} failed: {}, attempt {}", completion.jobId(), completion.error().code().wireName(),
                    timings.attempts());
        }
    }

    private Completion completion(Outcome outcome) {
        ClaimedJob claimed = outcome.claimed();
        String jobId = claimed.job().jobId();
        Instant completedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        long total = Duration.between(claimed.job().createdAt(), completedAt).toMillis();
        long queue = Duration.between(claimed.sentAt(), claimed.receivedAt()).toMillis();
        if (outcome instanceof Outcome.Generated generated) {
            return Completion.succeeded(jobId, claimed.claimToken(), generated.generation(), completedAt,
                    Timings.of(queue, generated.modelMillis(), total, claimed.attempt(), generated.batchSize()));
        }
        JobError error;
        if (outcome instanceof Outcome.Refused refused) {
            error = new JobError(JobErrorCode.MODEL_ERROR, messageOr(refused.message(), "the model refused the prompt"));
        } else {
            // The last delivery: the queue would dead-letter it next; fail it now with the precise reason.
            var unfinished = (Outcome.Unfinished) outcome;
            LOG.warn("job {} unfinished on its last delivery ({}); failed", jobId, unfinished.reason());
            error = unfinished.outOfTime()
                    ? new JobError(JobErrorCode.TIMEOUT, "the generation did not finish within the worker's time on"
                            + " any of " + claimed.attempt() + " deliveries")
                    : new JobError(JobErrorCode.RETRIES_EXHAUSTED, "the endpoint kept failing over "
                            + claimed.attempt() + " deliveries: " + messageOr(unfinished.reason(), "no detail"));
        }
        return Completion.failed(jobId, claimed.claimToken(), error, completedAt,
                Timings.of(queue, 0, total, claimed.attempt(), outcome instanceof Outcome.Refused ? 1 : 0));
    }

    private static String messageOr(String message, String fallback) {
        return message == null || message.isBlank() ? fallback : message;
    }

    private static int attributeAsInt(SQSMessage message, String name, int fallback) {
        return (int) attributeAsLong(message, name, fallback);
    }

    private static long attributeAsLong(SQSMessage message, String name, long fallback) {
        Map<String, String> attributes = message.getAttributes();
        String value = attributes == null ? null : attributes.get(name);
        try {
            return value == null ? fallback : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
