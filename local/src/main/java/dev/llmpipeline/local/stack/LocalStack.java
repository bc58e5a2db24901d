package dev.llmpipeline.local.stack;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.llmpipeline.local.api.ApiRoutesFactory;
import dev.llmpipeline.local.api.HttpApiEmulator;
import dev.llmpipeline.local.aws.QueueServer;
import dev.llmpipeline.local.aws.TableServer;
import dev.llmpipeline.local.endpoint.EndpointEmulator;
import dev.llmpipeline.local.events.EventSource;
import dev.llmpipeline.local.events.EventSourceEmulator;
import dev.llmpipeline.local.faults.CompletionLedger;
import dev.llmpipeline.local.faults.CrashSchedule;
import dev.llmpipeline.local.faults.FaultyWorker;
import dev.llmpipeline.local.template.FunctionSpec;
import dev.llmpipeline.local.template.SamTemplate;
import dev.llmpipeline.local.template.SqsEventSpec;
import dev.llmpipeline.local.xray.ActiveTracing;
import dev.llmpipeline.local.xray.XRayDaemonEmulator;
import dev.llmpipeline.worker.WorkerHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The whole pipeline on one machine: ElasticMQ for SQS, dynalite for DynamoDB, the endpoint emulator for SageMaker,
 * and the function handlers from {@code template.yaml} behind an HTTP API emulator and SQS event source emulators.
 * Everything listens on 127.0.0.1; every client has an explicit region, static credentials and an endpoint, so
 * nothing reaches beyond loopback. {@link #close()} stops every part, the dynalite process included.
 */
public final class LocalStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
    static final String REGION = "us-east-1";
    static final String ENDPOINT_NAME = "lamini-t5-local";

    private final Deque<AutoCloseable> parts = new ArrayDeque<>();
    private final CompletionLedger ledger = new CompletionLedger();
    private final CrashSchedule crashes;
    private final LocalStackSettings settings;
    private SamTemplate template;
    private QueueServer queueServer;
    private TableServer tableServer;
    private EndpointEmulator endpoint;
    private XRayDaemonEmulator xrayDaemon;
    private ActiveTracing tracing;
    private HttpApiEmulator api;
    private SqsClient sqs;
    private DynamoDbClient dynamoDb;
    private LocalResources resources;

    private LocalStack(LocalStackSettings settings) {
        this.settings = settings;
        this.crashes = new CrashSchedule(settings.crashRate());
    }

    /** Starts every part; on failure stops what had started and rethrows. */
    public static LocalStack start(LocalStackSettings settings) {
        LocalStack stack = new LocalStack(settings);
        try {
            stack.startParts();
            return stack;
        } catch (RuntimeException | IOException e) {
            stack.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    private void startParts() throws IOException {
        template = SamTemplate.load(settings.home().resolve("template.yaml"))
                .withParameters(settings.parameterOverrides());
        tableServer = own(TableServer.start(settings.home().resolve("local/dynalite"), 0));
        queueServer = own(QueueServer.start(0));
        endpoint = own(EndpointEmulator.start(0, settings.endpoint()));
        xrayDaemon = own(XRayDaemonEmulator.start());
        tracing = own(ActiveTracing.toDaemon(xrayDaemon.address()));
        sqs = own(SqsClient.builder().region(Region.of(REGION)).credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create()).endpointOverride(queueServer.endpoint()).build());
        dynamoDb = own(DynamoDbClient.builder().region(Region.of(REGION)).credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create()).endpointOverride(tableServer.endpoint()).build());
        resources = new ResourceProvisioner(template, sqs, dynamoDb, settings.timeScale()).provision(ENDPOINT_NAME);
        for (FunctionSpec function : template.functions()) {
            function.sqsEvent().ifPresent(event -> startEventSource(function, event));
        }
        Optional<HttpApiEmulator.Throttling> throttling = settings.apiThrottling()
                ? Optional.of(new HttpApiEmulator.Throttling(template.httpApi().throttlingBurstLimit(),
                        template.httpApi().throttlingRateLimit()))
                : Optional.empty();
        api = own(HttpApiEmulator.start(settings.apiPort(),
                ApiRoutesFactory.routes(template.functions(), this::handler), settings.ownersByToken(), throttling,
                Optional.of(xrayDaemon)));
    }

    private void startEventSource(FunctionSpec function, SqsEventSpec event) {
        // Lambda runs up to 1,250 concurrent invocations for a standard queue when no maximum is set; a laptop can't.
        int concurrency = event.maximumConcurrency() > 0 ? event.maximumConcurrency() : 5;
        var source = new EventSource(function.logicalId(), function.memoryMb(),
                resources.queueUrls().get(event.queueLogicalId()), resources.queueArns().get(event.queueLogicalId()),
                event.batchSize(), Duration.ofSeconds(event.maximumBatchingWindowSeconds()), concurrency,
                event.reportBatchItemFailures(), scaled(Duration.ofSeconds(function.timeoutSeconds())));
        own(new EventSourceEmulator(source, sqs, () -> handler(function), tracing).start());
    }

    /** A new execution environment of a function: its handler built from its environment, as Lambda's init does. */
    @SuppressWarnings("unchecked")
    private <I, O> RequestHandler<I, O> handler(FunctionSpec function) {
        String className = function.handler().split("::", 2)[0];
        if (className.equals(WorkerHandler.class.getName())) {
            // The worker runs under observation: completions are counted, and --crash-rate kills invocations.
            return (RequestHandler<I, O>) new FaultyWorker(environment(function), ledger, crashes);
        }
        try {
            return (RequestHandler<I, O>) Class.forName(className).getConstructor(Map.class)
                    .newInstance(environment(function));
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("init of " + function.logicalId() + " failed: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(function.logicalId() + ": handler " + className
                    + " needs a public constructor taking the environment as a Map", e);
        }
    }

    private Map<String, String> environment(FunctionSpec function) {
        Map<String, String> environment = new LinkedHashMap<>();
        function.environment().forEach((name, value) -> environment.put(name, resources.resolve(name, value)));
        if (environment.containsKey("CLAIM_LEASE_SECONDS")) {
            long seconds = Long.parseLong(environment.get("CLAIM_LEASE_SECONDS"));
            environment.put("CLAIM_LEASE_MILLIS", Long.toString(scaled(Duration.ofSeconds(seconds)).toMillis()));
            // The worker's retry waits are durations of its own: scaled with the rest, from the worker's defaults.
            environment.putIfAbsent("RETRY_BASE_MILLIS", Long.toString(scaled(Duration.ofMillis(100)).toMillis()));
            environment.putIfAbsent("RETRY_CAP_MILLIS", Long.toString(scaled(Duration.ofMillis(5_000)).toMillis()));
        }
        // Batch results are held back this long for the index to catch up: scaled with the stack, but never below
        // the real, unscaled latency of a dynalite write under load.
        environment.putIfAbsent("RESULTS_SETTLE_MILLIS",
                Long.toString(Math.max(500, scaled(Duration.ofMillis(2_000)).toMillis())));
        environment.put("AWS_REGION", REGION);
        environment.put("AWS_ACCESS_KEY_ID", "local");
        environment.put("AWS_SECRET_ACCESS_KEY", "local");
        environment.put("AWS_ENDPOINT_URL_DYNAMODB", tableServer.endpoint().toString());
        environment.put("AWS_ENDPOINT_URL_SQS", queueServer.endpoint().toString());
        environment.put("AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME", endpoint.uri().toString());
        environment.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        environment.put("AWS_EMF_ENVIRONMENT", "Local");
        // Lambda runs the X-Ray daemon beside a function with active tracing; here the daemon emulator stands in.
        environment.put("AWS_XRAY_DAEMON_ADDRESS", xrayDaemon.address());
        return environment;
    }

    private Duration scaled(Duration duration) {
        return Duration.ofMillis(Math.max(1, Math.round(duration.toMillis() * settings.timeScale())));
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    }

    private <T extends AutoCloseable> T own(T part) {
        parts.push(part);
        return part;
    }

    /** The HTTP API's address, {@code http://127.0.0.1:PORT}. */
    public URI apiUrl() {
        return api.uri();
    }

    /** The endpoint emulator, with its record of calls. */
    public EndpointEmulator endpoint() {
        return endpoint;
    }

    /** The X-Ray daemon emulator, with the segments the functions sent it. */
    public XRayDaemonEmulator xrayDaemon() {
        return xrayDaemon;
    }

    /** An SQS client on the local queue server. */
    public SqsClient sqs() {
        return sqs;
    }

    /** A DynamoDB client on the local table server. */
    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    /** The local name of a table of the template. */
    public String tableName(String logicalId) {
        return resources.tableNames().get(logicalId);
    }

    /** The local name of the template's SageMaker endpoint, which the endpoint emulator serves. */
    public String endpointName() {
        return resources.endpointName();
    }

    /** The local URL of a queue of the template. */
    public String queueUrl(String logicalId) {
        return resources.queueUrls().get(logicalId);
    }

    /** Messages in a queue of the template, visible or in flight (approximate, as SQS reports them). */
    public int queueDepth(String logicalId) {
        var attributes = sqs.getQueueAttributes(request -> request.queueUrl(queueUrl(logicalId)).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** The local ARN of a queue of the template. */
    public String queueArn(String logicalId) {
        return resources.queueArns().get(logicalId);
    }

    /**
     * The environment a function of the template runs with on this stack, as its Lambda configuration would give it:
     * the template's variables resolved to the local resources, region, static credentials and local endpoints.
     */
    public Map<String, String> environment(String functionLogicalId) {
        return template.functions().stream()
                .filter(function -> function.logicalId().equals(functionLogicalId))
                .findFirst()
                .map(this::environment)
                .orElseThrow(() -> new IllegalArgumentException("no function " + functionLogicalId + " in the template"));
    }

    /** The worker's completions and crashes, counted while the stack runs. */
    public CompletionLedger ledger() {
        return ledger;
    }

    /** The template as this stack resolved it. */
    public SamTemplate template() {
        return template;
    }

    /** Stops every part in reverse order of start. Idempotent. */
    @Override
    public void close() {
        while (!parts.isEmpty()) {
            AutoCloseable part = parts.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed", part, e);
            }
        }
    }
}
