package dev.llmpipeline.local.events;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.llmpipeline.core.trace.Span;
import dev.llmpipeline.local.lambda.LocalContext;
import dev.llmpipeline.local.xray.ActiveTracing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Stands in for Lambda's SQS event source mapping: pollers receive messages, gather them into batches of
 * {@code batchSize} within the batching window, invoke the function with them (at most {@code maxConcurrency}
 * invocations at once, one per poller, each poller being one execution environment), delete what succeeded and
 * leave the rest to the visibility timeout. With {@code ReportBatchItemFailures} only the reported messages stay;
 * an invocation that throws or times out leaves the whole batch.
 * (<a href="https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html">semantics</a>)
 */
public final class EventSourceEmulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventSourceEmulator.class);
    private static final int MAX_RECEIVE = 10;

    private final EventSource source;
    private final SqsClient sqs;
    private final Supplier<RequestHandler<SQSEvent, SQSBatchResponse>> environments;
    private final ExecutorService pollers;
    private final ExecutorService invocations;
    private final ActiveTracing tracing;
    private volatile boolean running = true;

    /**
     * @param environments builds a new execution environment (handler instance); called once per poller, and again
     *                     after an invocation timed out, as Lambda replaces an environment whose invocation timed out
     */
    public EventSourceEmulator(EventSource source, SqsClient sqs,
                               Supplier<RequestHandler<SQSEvent, SQSBatchResponse>> environments) {
        this(source, sqs, environments, ActiveTracing.off());
    }

    /**
     * @param tracing gives each invocation a trace and the function's segment in it, as Lambda's active tracing does
     */
    public EventSourceEmulator(EventSource source, SqsClient sqs,
                               Supplier<RequestHandler<SQSEvent, SQSBatchResponse>> environments,
                               ActiveTracing tracing) {
        this.tracing = tracing;
        this.source = source;
        this.sqs = sqs;
        this.environments = environments;
        this.pollers = Executors.newFixedThreadPool(source.maxConcurrency(), daemon(source.functionName() + "-poller"));
        this.invocations = Executors.newCachedThreadPool(daemon(source.functionName()));
    }

    /** Starts the pollers. */
    public EventSourceEmulator start() {
        for (int poller = 0; poller < source.maxConcurrency(); poller++) {
            pollers.submit(this::poll);
        }
        return this;
    }

    private void poll() {
        RequestHandler<SQSEvent, SQSBatchResponse> environment = null;
        while (running) {
            try {
                List<Message> batch = gather();
                if (batch.isEmpty() || !running) {
                    continue; // stopping: the messages return after their visibility timeout
                }
                if (environment == null) {
                    environment = environments.get();
                }
                if (!invoke(environment, batch)) {
                    retire(environment);
                    environment = null;
                }
            } catch (SdkException e) {
                if (running) {
                    LOG.warn("{} poller: {}", source.functionName(), e.getMessage());
                }
            } catch (RuntimeException e) {
                if (running) {
                    LOG.error("{} poller failed", source.functionName(), e);
                }
            }
        }
        if (environment != null) {
            retire(environment);
        }
    }

    /** Receives until the batch is full or the window has passed since the first message. */
    private List<Message> gather() {
        List<Message> batch = new ArrayList<>(receive(Math.min(MAX_RECEIVE, source.batchSize()), 1));
        if (batch.isEmpty() || source.batchingWindow().isZero()) {
            return batch;
        }
        Instant windowEnd = Instant.now().plus(source.batchingWindow());
        while (running && batch.size() < source.batchSize() && Instant.now().isBefore(windowEnd)) {
            long leftMillis = Duration.between(Instant.now(), windowEnd).toMillis();
            // Long-poll for a second while a second is left of the window; below that, short polls paced by its end.
            List<Message> more = receive(Math.min(MAX_RECEIVE, source.batchSize() - batch.size()),
                    (int) Math.min(1, leftMillis / 1000));
            batch.addAll(more);
            if (more.isEmpty() && leftMillis < 1000) {
                pause(Math.min(leftMillis, 20));
            }
        }
        return batch;
    }

    private List<Message> receive(int maxMessages, int waitSeconds) {
        return sqs.receiveMessage(b -> b.queueUrl(source.queueUrl())
                .maxNumberOfMessages(maxMessages)
                .waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
    }

    /** Invokes the function once; returns false when its environment must be replaced. */
    private boolean invoke(RequestHandler<SQSEvent, SQSBatchResponse> environment, List<Message> batch) {
        SQSEvent event = SqsEvents.event(batch, source.queueArn(), "us-east-1");
        // The invocation's own trace; the handler puts each job's work into the job's trace (AWSTraceHeader).
        Span traced = tracing.invocation(source.functionName());
        var context = new LocalContext(source.functionName(), source.memoryMb(), source.timeout(), Clock.systemUTC(),
                traced.traceHeader());
        Future<SQSBatchResponse> invocation = invocations.submit(() -> environment.handleRequest(event, context));
        try (traced) {
            SQSBatchResponse response = invocation.get(source.timeout().toMillis(), TimeUnit.MILLISECONDS);
            deleteSucceeded(batch, response);
            return true;
        } catch (TimeoutException e) {
            invocation.cancel(true);
            LOG.warn("{} invocation {} timed out after {} ms; its {} message(s) return after the visibility timeout",
                    source.functionName(), context.getAwsRequestId(), source.timeout().toMillis(), batch.size());
            return false;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error death) {
                // As after an out-of-memory error, the runtime is gone: a new environment (and init) takes over.
                LOG.warn("{} invocation {} died ({}); its {} message(s) return after the visibility timeout",
                        source.functionName(), context.getAwsRequestId(), death.getMessage(), batch.size());
                return false;
            }
            LOG.error("{} invocation {} failed; its {} message(s) return after the visibility timeout",
                    source.functionName(), context.getAwsRequestId(), batch.size(), e.getCause());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return false;
        }
    }

    private void deleteSucceeded(List<Message> batch, SQSBatchResponse response) {
        Set<String> failed = new HashSet<>();
        if (response != null && response.getBatchItemFailures() != null && source.reportBatchItemFailures()) {
            response.getBatchItemFailures().forEach(failure -> failed.add(failure.getItemIdentifier()));
        }
        Set<String> ids = new HashSet<>();
        batch.forEach(message -> ids.add(message.messageId()));
        if (!ids.containsAll(failed)) {
            // Lambda treats an unknown item identifier as a failure of the whole batch.
            LOG.error("{} reported item failures that are not in the batch; the whole batch returns",
                    source.functionName());
            return;
        }
        List<DeleteMessageBatchRequestEntry> entries = batch.stream()
                .filter(message -> !failed.contains(message.messageId()))
                .map(message -> DeleteMessageBatchRequestEntry.builder()
                        .id(message.messageId()).receiptHandle(message.receiptHandle()).build())
                .toList();
        for (int start = 0; start < entries.size(); start += MAX_RECEIVE) {
            List<DeleteMessageBatchRequestEntry> chunk = entries.subList(start, Math.min(entries.size(),
                    start + MAX_RECEIVE));
            sqs.deleteMessageBatch(b -> b.queueUrl(source.queueUrl()).entries(chunk));
        }
    }

    /** Shuts an execution environment down (its pools and clients), as Lambda does with one it replaces. */
    private void retire(RequestHandler<SQSEvent, SQSBatchResponse> environment) {
        if (environment instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("{}: closing an execution environment failed", source.functionName(), e);
            }
        }
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Stops polling; invocations in flight are abandoned, as when a mapping is disabled mid-batch. */
    @Override
    public void close() {
        running = false;
        pollers.shutdownNow();
        invocations.shutdownNow();
        try {
            pollers.awaitTermination(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
