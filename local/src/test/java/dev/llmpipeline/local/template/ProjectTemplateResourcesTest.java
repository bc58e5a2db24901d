package dev.llmpipeline.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.tuple;

import dev.llmpipeline.core.aws.DynamoDbBatchStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The queues, table, API and parameters of the real {@code template.yaml}. */
class ProjectTemplateResourcesTest {

    private final SamTemplate template = ProjectTemplate.load();

    @Test
    void jobsQueueRedrivesToTheDeadLetterQueueAfterFiveReceives() {
        assertThat(template.queue("JobsQueue"))
                .isEqualTo(new QueueSpec("JobsQueue", 370, Optional.of("JobsDeadLetterQueue"), 5));
        assertThat(template.queue("JobsDeadLetterQueue").deadLetterQueueLogicalId()).isEmpty();
    }

    @Test
    void visibilityTimeoutCoversSixWorkerTimeoutsPlusTheLongestAllowedWindow() {
        FunctionSpec worker = template.function("WorkerFunction");
        int window = worker.sqsEvent().orElseThrow().maximumBatchingWindowSeconds();
        int longestWindow = Integer.parseInt(String.valueOf(
                parameter("WorkerBatchingWindowSeconds").get("MaxValue")));
        int visibilityTimeout = template.queue("JobsQueue").visibilityTimeoutSeconds();

        assertThat(visibilityTimeout).isGreaterThanOrEqualTo(6 * worker.timeoutSeconds() + window)
                .isGreaterThanOrEqualTo(6 * worker.timeoutSeconds() + longestWindow);
    }

    @Test
    void deadLetterQueueGivesItsConsumerTheSameMargin() {
        int timeout = template.function("DeadLetterFunction").timeoutSeconds();

        assertThat(template.queue("JobsDeadLetterQueue").visibilityTimeoutSeconds())
                .isGreaterThanOrEqualTo(6 * timeout);
    }

    @Test
    void jobsTableIsKeyedByPkWithTheBatchIndexes() {
        TableSpec table = template.table("JobsTable");

        assertThat(table.keySchema()).containsExactly(new KeyElement("pk", "HASH"));
        assertThat(table.attributeTypes()).containsExactly(
                Map.entry("pk", "S"), Map.entry("batch_id", "S"), Map.entry("job_id", "S"),
                Map.entry("done_key", "S"));
        assertThat(table.globalSecondaryIndexes()).extracting(IndexSpec::indexName, IndexSpec::keySchema)
                .containsExactly(
                        tuple(DynamoDbBatchStore.JOBS_INDEX,
                                List.of(new KeyElement("batch_id", "HASH"), new KeyElement("job_id", "RANGE"))),
                        tuple(DynamoDbBatchStore.RESULTS_INDEX,
                                List.of(new KeyElement("batch_id", "HASH"), new KeyElement("done_key", "RANGE"))));
    }

    @Test
    void batchIndexesProjectExactlyWhatTheStoreReads() {
        List<IndexSpec> indexes = template.table("JobsTable").globalSecondaryIndexes();

        assertThat(indexes).extracting(IndexSpec::projectionType).containsOnly("INCLUDE");
        assertThat(indexes.get(0).nonKeyAttributes())
                .containsExactlyInAnyOrderElementsOf(DynamoDbBatchStore.JOBS_INDEX_ATTRIBUTES);
        assertThat(indexes.get(1).nonKeyAttributes())
                .containsExactlyInAnyOrderElementsOf(DynamoDbBatchStore.RESULTS_INDEX_ATTRIBUTES)
                .doesNotContain("prompt");
    }

    @Test
    void httpApiThrottlesWithTheArticlesLimits() {
        assertThat(template.httpApi()).isEqualTo(new HttpApiSpec(20, 10.0));
        assertThat(template.withParameters(Map.of("ThrottlingRateLimit", "2.5")).httpApi().throttlingRateLimit())
                .isEqualTo(2.5);
    }

    @Test
    void everyDefaultSatisfiesItsOwnConstraints() {
        assertThatCode(() -> template.withParameters(template.parameterDefaults())).doesNotThrowAnyException();
        assertThat(template.parameterDefaults()).containsEntry("EndpointInstanceType", "ml.g4dn.xlarge")
                .containsEntry("ModelId", "MBZUAI/LaMini-T5-738M")
                .doesNotContainKeys("JwtIssuer", "JwtAudience");
    }

    @Test
    void noFunctionHasAnAsyncDeadLetterQueue() {
        Map<String, Object> globals = map(map(template.raw().get("Globals")).get("Function"));

        assertThat(globals).doesNotContainKey("DeadLetterQueue");
        for (FunctionSpec function : template.functions()) {
            assertThat(properties(function.logicalId())).as(function.logicalId()).doesNotContainKey("DeadLetterQueue");
        }
    }

    @Test
    void keepsIntrinsicsAsOneKeyMapsInTheRawDocument() {
        assertThat(template.raw()).containsEntry("AWSTemplateFormatVersion", "2010-09-09");
        assertThat(properties("JobsQueue").get("RedrivePolicy"))
                .isEqualTo(Map.of("deadLetterTargetArn", Map.of("Fn::GetAtt", List.of("JobsDeadLetterQueue", "Arn")),
                        "maxReceiveCount", Map.of("Ref", "JobMaxReceiveCount")));
    }

    private Map<String, Object> parameter(String name) {
        return map(map(template.raw().get("Parameters")).get(name));
    }

    private Map<String, Object> properties(String logicalId) {
        return map(map(map(template.raw().get("Resources")).get(logicalId)).get("Properties"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
