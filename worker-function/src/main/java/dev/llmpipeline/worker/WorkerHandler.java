package dev.llmpipeline.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.llmpipeline.core.aws.AwsClients;
import dev.llmpipeline.core.aws.DynamoDbJobStore;
import dev.llmpipeline.core.aws.SageMakerEndpoint;
import dev.llmpipeline.core.port.JobStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker: SQS batches of job messages in, results in the jobs table, {@code batchItemFailures} out (the
 * event source mapping must enable {@code ReportBatchItemFailures}). Lambda calls the no-arg constructor once per
 * execution environment; the clients and thread pools it builds serve every invocation of that environment.
 */
public final class WorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    /** Time kept back from the invocation's deadline to store the last results and answer. */
    private static final Duration MAX_STORE_MARGIN = Duration.ofSeconds(3);

    private final JobBatchProcessor processor;
    private final Clock clock;

    /** Lambda's entry point: configuration and clients from the process environment. */
    public WorkerHandler() {
        this(System.getenv());
    }

    /** Builds the function from an explicit environment, as the local stack does. */
    public WorkerHandler(Map<String, String> environment) {
        this(environment, UnaryOperator.identity());
    }

    /**
     * Builds the function from an explicit environment with its job store wrapped: the local stack uses this to
     * observe completions and to emulate invocations that die between claiming and storing.
     */
    public WorkerHandler(Map<String, String> environment, UnaryOperator<JobStore> storeDecorator) {
        this(wire(WorkerConfig.fromEnvironment(environment), storeDecorator), Clock.systemUTC());
    }

    WorkerHandler(JobBatchProcessor processor, Clock clock) {
        this.processor = processor;
        this.clock = clock;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return processor.process(event.getRecords(), deadline(context));
    }

    private Instant deadline(Context context) {
        long remaining = context.getRemainingTimeInMillis();
        long margin = Math.min(MAX_STORE_MARGIN.toMillis(), remaining / 5);
        return clock.instant().plusMillis(remaining - margin);
    }

    private static JobBatchProcessor wire(WorkerConfig config, UnaryOperator<JobStore> storeDecorator) {
        AwsClients clients = new AwsClients(config.aws());
        JobStore store = storeDecorator.apply(
                new DynamoDbJobStore(clients.dynamoDb(), config.jobsTable(), config.retention()));
        int perPromptThreads = config.microBatchSize() * config.endpointConcurrency();
        var endpoint = new SageMakerEndpoint(clients.sageMakerRuntime(), config.endpointName(), config.protocol(),
                Executors.newFixedThreadPool(perPromptThreads, daemonThreads("endpoint-call")));
        ExecutorService microBatches = Executors.newFixedThreadPool(config.endpointConcurrency(),
                daemonThreads("micro-batch"));
        var engine = new MicroBatchEngine(endpoint, config.microBatchSize(), microBatches, new Backoff(config.retryBase(), config.retryCap()),
                MicroBatchEngine.Sleeper.threadSleep(), Clock.systemUTC());
        ExecutorService claims = Executors.newFixedThreadPool(8, daemonThreads("claim"));
        return new JobBatchProcessor(store, engine, claims, config.claimLease(), Clock.systemUTC());
    }

    /** Daemon threads, so that an execution environment (or the local stack) can always shut down. */
    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
