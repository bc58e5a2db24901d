package dev.llmpipeline.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.llmpipeline.core.aws.AwsClients;
import dev.llmpipeline.core.aws.DynamoDbJobStore;
import dev.llmpipeline.core.aws.EndpointProtocol;
import dev.llmpipeline.core.aws.SageMakerEndpoint;
import dev.llmpipeline.core.aws.SqsJobQueue;
import dev.llmpipeline.core.init.ParallelInit;
import dev.llmpipeline.core.job.JobIds;
import dev.llmpipeline.core.port.JobStore;
import dev.llmpipeline.core.telemetry.LogContext;
import dev.llmpipeline.core.telemetry.PipelineMetrics;
import dev.llmpipeline.core.telemetry.Telemetry;
import dev.llmpipeline.core.time.Pause;
import dev.llmpipeline.core.trace.Tracer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

/**
 * The worker: SQS batches of job messages in, results in the jobs table, {@code batchItemFailures} out (the
 * event source mapping must enable {@code ReportBatchItemFailures}). Lambda calls the no-arg constructor once per
 * execution environment; the clients and thread pools it builds serve every invocation of that environment.
 */
public final class WorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse>, AutoCloseable {
    /** Time kept back from the invocation's deadline to store the last results and answer. */
    private static final Duration MAX_STORE_MARGIN = Duration.ofSeconds(3);
    /** Claims of one SQS batch run in parallel: one conditional write each. */
    private static final int CLAIM_THREADS = 8;

    /** The service name of its logs and metrics, unless {@code POWERTOOLS_SERVICE_NAME} is set. */
    static final String SERVICE = "worker";

    private final JobBatchProcessor processor;
    private final Clock clock;
    private final Telemetry telemetry;
    private final List<AutoCloseable> resources;

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
        this(new ArrayList<>(), WorkerConfig.fromEnvironment(environment),
                Telemetry.fromEnvironment(environment, SERVICE), storeDecorator, Tracer.fromEnvironment(environment));
    }

    /** Around its collaborators (tests pass fakes); {@code telemetry} publishes what the processor records. */
    WorkerHandler(JobBatchProcessor processor, Clock clock, Telemetry telemetry) {
        this.processor = processor;
        this.clock = clock;
        this.telemetry = telemetry;
        this.resources = List.of();
    }

    private WorkerHandler(List<AutoCloseable> resources, WorkerConfig config, Telemetry telemetry,
                          UnaryOperator<JobStore> storeDecorator, Tracer tracer) {
        this.processor = wire(config, storeDecorator, telemetry, resources, tracer);
        this.clock = Clock.systemUTC();
        this.telemetry = telemetry;
        this.resources = List.copyOf(resources);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return telemetry.invoke(context,
                () -> processor.process(event.getRecords(), deadline(context), context.getFunctionName()));
    }

    /** Stops the thread pools and closes the clients: the execution environment is going away. */
    @Override
    public void close() {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                LoggerFactory.getLogger(WorkerHandler.class).warn("closing {} failed", resource, e);
            }
        }
    }

    private Instant deadline(Context context) {
        long remaining = context.getRemainingTimeInMillis();
        long margin = Math.min(MAX_STORE_MARGIN.toMillis(), remaining / 5);
        return clock.instant().plusMillis(remaining - margin);
    }

    private static JobBatchProcessor wire(WorkerConfig config, UnaryOperator<JobStore> storeDecorator,
                                          Telemetry telemetry, List<AutoCloseable> resources, Tracer tracer) {
        PipelineMetrics metrics = telemetry.metrics();
        // The clients are built side by side, and the request path is primed meanwhile; see ParallelInit.
        try (ParallelInit init = new ParallelInit()) {
            Supplier<SdkHttpClient> httpClient = init.fork(AwsClients::httpClient);
            AwsClients clients = new AwsClients(config.aws(), httpClient);
            resources.add(clients);
            Supplier<SageMakerRuntimeClient> sageMaker = init.fork(clients::sageMakerRuntime);
            init.prime("logs and metrics", telemetry::prime);
            init.prime("JSON of a job message", () -> SqsJobQueue.jobIdOf(SqsJobQueue.messageBody(JobIds.ZERO)));
            var dynamoDbStore = new DynamoDbJobStore(clients.dynamoDb(), config.jobsTable(), config.retention());
            // The undecorated store: priming is no part of what a decorator (the local stack's ledger) observes.
            init.prime("read of a job that cannot exist", dynamoDbStore::prime);
            JobStore store = storeDecorator.apply(dynamoDbStore);
            boolean perPrompt = config.protocol() == EndpointProtocol.PER_PROMPT;
            // Servers that batch on their own get one call per prompt, each retried and isolated on its own, with as
            // many in flight as micro-batching would have sent prompts.
            int callsInFlight = perPrompt ? config.microBatchSize() * config.endpointConcurrency()
                    : config.endpointConcurrency();
            ExecutorService perPromptCalls = pool(config.endpointConcurrency(), "endpoint-call", resources);
            var endpoint = new SageMakerEndpoint(sageMaker.get(), config.endpointName(), config.protocol(),
                    perPromptCalls);
            init.prime("endpoint request without a call", endpoint::prime);
            // The pools' threads log with the invocation's keys (request id, cold start) of the thread that hands
            // them work.
            var engine = new MicroBatchEngine(endpoint, perPrompt ? 1 : config.microBatchSize(),
                    LogContext.propagating(pool(callsInFlight, "micro-batch", resources)),
                    new Backoff(config.retryBase(), config.retryCap()), Pause.sleeping(), Clock.systemUTC(), metrics);
            // A client that cannot be built fails init, as it did before the clients were built side by side.
            httpClient.get();
            return new JobBatchProcessor(store, engine, LogContext.propagating(pool(CLAIM_THREADS, "claim", resources)),
                    config.claimLease(), config.maxReceiveCount(), Clock.systemUTC(), metrics, tracer);
        }
    }

    private static ExecutorService pool(int threads, String name, List<AutoCloseable> resources) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads(name));
        resources.add(pool::shutdownNow);
        return pool;
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
