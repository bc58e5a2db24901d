package dev.llmpipeline.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The production settings of the real {@code template.yaml} that the local stack does not run: SnapStart, log
 * groups, alarm actions and the cross-parameter rules.
 */
class ProjectTemplateProductionTest {

    private final SamTemplate template = ProjectTemplate.load();
    private final TemplateNode resources = new TemplateNode("", template.raw()).get("Resources");

    @Test
    void theApiFunctionsResumeFromSnapshotsOfPublishedVersions() {
        for (String function : List.of("SubmitFunction", "ResultFunction")) {
            TemplateNode properties = resources.get(function).get("Properties");

            assertThat(properties.get("SnapStart").get("ApplyOn").value()).as(function).isEqualTo("PublishedVersions");
            assertThat(properties.get("AutoPublishAlias").value()).as(function).isEqualTo("live");
        }
        for (String function : List.of("SubmitFunction", "ResultFunction", "WorkerFunction")) {
            assertThat(resources.get(function).get("Properties").get("AutoPublishAliasAllProperties").value())
                    .as("%s publishes a version for every change, or its alias would miss it", function)
                    .isEqualTo(true);
        }
    }

    @Test
    void theWorkerKeepsProvisionedConcurrencyWhichExcludesSnapStart() {
        TemplateNode worker = resources.get("WorkerFunction").get("Properties");

        assertThat(worker.get("ProvisionedConcurrencyConfig").isMissing()).isFalse();
        assertThat(worker.get("SnapStart").isMissing()).isTrue();
    }

    @Test
    void everyFunctionLogsToItsOwnGroupWithTheRetentionParameter() {
        for (FunctionSpec function : template.functions()) {
            TemplateNode logGroup = resources.get(function.logicalId()).get("Properties").get("LoggingConfig")
                    .get("LogGroup");
            String groupId = String.valueOf(((Map<?, ?>) logGroup.value()).get("Ref"));
            TemplateNode group = resources.get(groupId);

            assertThat(group.get("Type").value()).as(function.logicalId()).isEqualTo("AWS::Logs::LogGroup");
            assertThat(group.get("Properties").get("RetentionInDays").value())
                    .isEqualTo(Map.of("Ref", "LogRetentionDays"));
            assertThat(group.get("Properties").get("LogGroupName").value())
                    .isEqualTo(Map.of("Fn::Sub", "/aws/lambda/${AWS::StackName}-" + function.logicalId()));
        }
        assertThat(template.parameterDefaults()).containsEntry("LogRetentionDays", "30");
    }

    @Test
    void everyAlarmNotifiesTheAlarmTopic() {
        List<String> alarms = resources.entries().entrySet().stream()
                .filter(entry -> "AWS::CloudWatch::Alarm".equals(entry.getValue().get("Type").value()))
                .map(Map.Entry::getKey)
                .toList();

        assertThat(alarms).containsExactlyInAnyOrder("DeadLetterQueueAlarm", "JobsQueueAgeAlarm");
        for (String alarm : alarms) {
            TemplateNode properties = resources.get(alarm).get("Properties");
            List<Map<String, String>> topic = List.of(Map.of("Ref", "AlarmTopic"));
            assertThat(properties.get("AlarmActions").value()).as(alarm).isEqualTo(topic);
            assertThat(properties.get("OKActions").value()).as(alarm).isEqualTo(topic);
        }
        assertThat(resources.get("AlarmEmailSubscription").get("Condition").value()).isEqualTo("HasAlarmEmail");
        assertThat(resources.get("AlarmTopic").get("Properties").get("KmsMasterKeyId").isMissing())
                .as("CloudWatch cannot publish to a topic under the AWS managed key").isTrue();
    }

    @Test
    void theBatchingWindowRuleAllowsExactlyTheBatchSizesAwsTakesWithoutAWindow() {
        TemplateNode rule = new TemplateNode("", template.raw()).get("Rules")
                .get("LargeWorkerBatchesNeedABatchingWindow");
        List<?> contains = (List<?>) ((Map<?, ?>) rule.get("Assertions").items().get(0).get("Assert").value())
                .get("Fn::Contains");

        assertThat(rule.get("RuleCondition").value())
                .isEqualTo(Map.of("Fn::Equals", List.of(Map.of("Ref", "WorkerBatchingWindowSeconds"), "0")));
        assertThat(contains.get(0)).isEqualTo(IntStream.rangeClosed(1, 10).mapToObj(String::valueOf).toList());
        assertThat(contains.get(1)).isEqualTo(Map.of("Ref", "WorkerBatchSize"));
    }

    @Test
    void theEndpointRuleHasOneAssertionPerMinimumAboveOne() {
        TemplateNode rule = new TemplateNode("", template.raw()).get("Rules").get("EndpointMaxInstancesAtLeastMin");
        int largestMinimum = Integer.parseInt(String.valueOf(new TemplateNode("", template.raw())
                .get("Parameters").get("EndpointMinInstances").get("MaxValue").value()));

        assertThat(rule.get("Assertions").items()).hasSize(largestMinimum - 1);
    }

    @Test
    void theInferenceImageDefaultsToTheRegionalRegistry() {
        assertThat(template.parameterDefaults()).containsEntry("InferenceImageUri", "");
        TemplateNode registries = new TemplateNode("", template.raw()).get("Mappings").get("DlcRegistries");
        assertThat(registries.get("us-east-1").get("Account").value()).isEqualTo("763104351884");
        assertThat(registries.entries()).allSatisfy((region, entry) ->
                assertThat(String.valueOf(entry.get("Account").value())).as(region).matches("[0-9]{12}"));
    }
}
