package dev.llmpipeline.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The functions of the real {@code template.yaml}, as the local stack will run them. */
class ProjectTemplateFunctionsTest {

    private final SamTemplate template = ProjectTemplate.load();

    @Test
    void readsEveryFunctionsHandlerCodeUriTimeoutAndMemory() {
        assertThat(template.functions())
                .extracting(FunctionSpec::logicalId, FunctionSpec::handler, FunctionSpec::codeUri,
                        FunctionSpec::timeoutSeconds, FunctionSpec::memoryMb)
                .containsExactly(
                        tuple("SubmitFunction", "dev.llmpipeline.submit.SubmitHandler::handleRequest",
                                "submit-function/target/submit-function-lambda.jar", 29, 512),
                        tuple("ResultFunction", "dev.llmpipeline.result.ResultHandler::handleRequest",
                                "result-function/target/result-function-lambda.jar", 25, 512),
                        tuple("WorkerFunction", "dev.llmpipeline.worker.WorkerHandler::handleRequest",
                                "worker-function/target/worker-function-lambda.jar", 60, 512),
                        tuple("DeadLetterFunction", "dev.llmpipeline.worker.DeadLetterHandler::handleRequest",
                                "worker-function/target/worker-function-lambda.jar", 29, 512));
    }

    @Test
    void workerConsumesTheJobsQueueInWindowedBatchesWithPartialFailures() {
        assertThat(template.function("WorkerFunction").sqsEvent())
                .contains(new SqsEventSpec("JobsQueue", 16, 1, 2, true));
    }

    @Test
    void deadLetterFunctionConsumesTheDeadLetterQueue() {
        assertThat(template.function("DeadLetterFunction").sqsEvent())
                .contains(new SqsEventSpec("JobsDeadLetterQueue", 10, 0, 0, true));
        assertThat(template.function("SubmitFunction").sqsEvent()).isEmpty();
    }

    @Test
    void routesEveryPathAndLeavesOnlyHealthWithoutAuthorization() {
        assertThat(template.function("SubmitFunction").routes()).containsExactly(
                new HttpRoute("GET", "/health", false),
                new HttpRoute("POST", "/jobs", true),
                new HttpRoute("DELETE", "/jobs/{id}", true),
                new HttpRoute("POST", "/batches", true),
                new HttpRoute("DELETE", "/batches/{id}", true));
        assertThat(template.function("ResultFunction").routes()).containsExactly(
                new HttpRoute("GET", "/jobs/{id}", true),
                new HttpRoute("GET", "/batches/{id}", true),
                new HttpRoute("GET", "/batches/{id}/results", true));
        assertThat(template.function("WorkerFunction").routes()).isEmpty();
    }

    @Test
    void mergesGlobalAndOwnEnvironmentResolvingParametersAndKeepingResourceReferences() {
        Map<String, Object> environment = template.function("WorkerFunction").environment();

        assertThat(environment).containsEntry("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1")
                .containsEntry("RESULT_RETENTION_DAYS", "7")
                .containsEntry("MICRO_BATCH_SIZE", "8")
                .containsEntry("ENDPOINT_CONCURRENCY", "2")
                .containsEntry("ENDPOINT_PROTOCOL", "hf-batch")
                .containsEntry("MAX_RECEIVE_COUNT", "5")
                .containsEntry("CLAIM_LEASE_SECONDS", "75")
                .containsEntry("JOBS_TABLE", Map.of("Ref", "JobsTable"))
                .containsEntry("ENDPOINT_NAME", Map.of("Fn::GetAtt", List.of("Endpoint", "EndpointName")));
        assertThat(template.function("SubmitFunction").environment())
                .containsEntry("JOBS_QUEUE_URL", Map.of("Ref", "JobsQueue"))
                .containsEntry("MAX_PROMPT_CHARS", "8000")
                .containsEntry("DEFAULT_MAX_NEW_TOKENS", "128");
    }

    @Test
    void parameterOverrideChangesTheWorkerBatchSizeOfTheCopyOnly() {
        SamTemplate overridden = template.withParameters(Map.of("WorkerBatchSize", "32", "MicroBatchSize", "32"));

        WorkerSettings worker = WorkerSettings.of(overridden);
        assertThat(worker.batchSize()).isEqualTo(32);
        assertThat(worker.microBatchSize()).isEqualTo("32");
        assertThat(WorkerSettings.of(template).batchSize()).isEqualTo(16);
        assertThat(overridden.parameterValues()).containsEntry("WorkerBatchSize", "32");
        assertThat(overridden.parameterDefaults()).containsEntry("WorkerBatchSize", "16");
    }

    @Test
    void claimLeaseOutlastsTheWorkerTimeoutAndEndsBeforeTheMessageReturns() {
        FunctionSpec worker = template.function("WorkerFunction");
        int lease = Integer.parseInt((String) worker.environment().get("CLAIM_LEASE_SECONDS"));

        assertThat(lease).isGreaterThan(worker.timeoutSeconds())
                .isLessThan(template.queue("JobsQueue").visibilityTimeoutSeconds());
    }

    @Test
    void largeSqsBatchesHaveTheBatchingWindowAwsRequires() {
        for (FunctionSpec function : template.functions()) {
            Optional<SqsEventSpec> sqs = function.sqsEvent();
            sqs.filter(event -> event.batchSize() > 10).ifPresent(event -> assertThat(
                    event.maximumBatchingWindowSeconds()).as(function.logicalId()).isGreaterThanOrEqualTo(1));
        }
    }

    private record WorkerSettings(int batchSize, Object microBatchSize) {
        static WorkerSettings of(SamTemplate template) {
            FunctionSpec worker = template.function("WorkerFunction");
            return new WorkerSettings(worker.sqsEvent().orElseThrow().batchSize(),
                    worker.environment().get("MICRO_BATCH_SIZE"));
        }
    }
}
