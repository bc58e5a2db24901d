package dev.llmpipeline.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import dev.llmpipeline.core.aws.AwsClients;
import dev.llmpipeline.core.aws.DynamoDbJobStore;
import dev.llmpipeline.core.aws.SqsJobQueue;
import dev.llmpipeline.core.init.ParallelInit;
import dev.llmpipeline.core.job.JobError;
import dev.llmpipeline.core.job.JobErrorCode;
import dev.llmpipeline.core.job.JobIds;
import dev.llmpipeline.core.port.FailResult;
import dev.llmpipeline.core.port.JobStore;
import dev.llmpipeline.core.telemetry.LogContext;
import dev.llmpipeline.core.telemetry.Telemetry;
import dev.llmpipeline.core.trace.Span;
import dev.llmpipeline.core.trace.TraceScope;
import dev.llmpipeline.core.trace.Tracer;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * Consumes the dead-letter queue: a job whose message was delivered {@code maxReceiveCount} times without a result
 * is marked {@code failed} with {@code retries_exhausted}, so that its client sees the end instead of waiting for
 * ever. A job that is terminal already (its last delivery succeeded late) is left as it is, and one that a worker
 * holds under a live lease (a duplicate message is being processed) is looked at again later.
 */
public final class DeadLetterHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandler.class);
    /** The service name of its logs and metrics, unless {@code POWERTOOLS_SERVICE_NAME} is set. */
    static final String SERVICE = "dead-letter";

    private final JobStore store;
    private final Clock clock;
    private final Telemetry telemetry;
    private final Tracer tracer;

    /** Lambda's entry point. */
    public DeadLetterHandler() {
        this(System.getenv());
    }

    /** Builds the function from an explicit environment, as the local stack does. */
    public DeadLetterHandler(Map<String, String> environment) {
        this(environment, Telemetry.fromEnvironment(environment, SERVICE));
    }

    private DeadLetterHandler(Map<String, String> environment, Telemetry telemetry) {
        this(storeFrom(environment, telemetry), Clock.systemUTC(), telemetry, Tracer.fromEnvironment(environment));
    }

    /** Builds the function around its collaborators (tests pass fakes), without tracing. */
    public DeadLetterHandler(JobStore store, Clock clock, Telemetry telemetry) {
        this(store, clock, telemetry, Tracer.disabled());
    }

    /** Builds the function around its collaborators, recording each job's handling in the job's trace. */
    public DeadLetterHandler(JobStore store, Clock clock, Telemetry telemetry, Tracer tracer) {
        this.store = store;
        this.clock = clock;
        this.telemetry = telemetry;
        this.tracer = tracer;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return telemetry.invoke(context, () -> process(event, context.getFunctionName()));
    }

    private SQSBatchResponse process(SQSEvent event, String functionName) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSMessage message : event.getRecords()) {
            String jobId = SqsJobQueue.jobIdOf(message.getBody()).orElse(null);
            if (jobId == null) {
                LOG.error("dead-lettered message {} has no job_id; dropped", message.getMessageId());
                continue;
            }
            // The job's trace gets this function's segment too, as for the worker.
            try (LogContext.Scope ignored = LogContext.forJob(jobId, null);
                 Span segment = tracer.segment(message.getAttributes() == null ? null
                         : message.getAttributes().get("AWSTraceHeader"), functionName).annotate("job_id", jobId);
                 TraceScope.Activation traced = segment.scope().activate()) {
                if (!markFailed(jobId, message.getMessageId())) {
                    failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                }
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    /** Fails the job unless it ended or is held; false when the message must come back. */
    private boolean markFailed(String jobId, String messageId) {
        try {
            FailResult result = store.failIfAbandoned(jobId, new JobError(JobErrorCode.RETRIES_EXHAUSTED,
                    "the job could not be processed after repeated deliveries"),
                    clock.instant().truncatedTo(ChronoUnit.MILLIS));
            if (result == FailResult.HELD) {
                // A duplicate delivery of the job is still being worked on: its result may yet come.
                LOG.info("dead-lettered job {} is held by a live claim; message {} will come back", jobId, messageId);
                return false;
            }
            if (result == FailResult.FAILED) {
                telemetry.metrics().jobFailed(JobErrorCode.RETRIES_EXHAUSTED);
            }
            LOG.info("dead-lettered job {}: {}", jobId, result);
            return true;
        } catch (RuntimeException e) {
            LOG.error("marking dead-lettered job {} failed did not work; message {} will come back", jobId, messageId,
                    e);
            return false;
        }
    }


    private static JobStore storeFrom(Map<String, String> environment, Telemetry telemetry) {
        DeadLetterConfig config = DeadLetterConfig.fromEnvironment(environment);
        // The clients are built side by side, and the request path is primed meanwhile; see ParallelInit.
        try (ParallelInit init = new ParallelInit()) {
            Supplier<SdkHttpClient> httpClient = init.fork(AwsClients::httpClient);
            init.prime("logs and metrics", telemetry::prime);
            init.prime("JSON of a job message", () -> SqsJobQueue.jobIdOf(SqsJobQueue.messageBody(JobIds.ZERO)));
            var store = new DynamoDbJobStore(new AwsClients(config.aws(), httpClient).dynamoDb(), config.jobsTable(),
                    config.retention());
            init.prime("read of a job that cannot exist", store::prime);
            // A client that cannot be built fails init, as it did before the clients were built side by side.
            httpClient.get();
            return store;
        }
    }
}
