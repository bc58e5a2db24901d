package dev.llmpipeline.local.stack;

import dev.llmpipeline.local.template.IndexSpec;
import dev.llmpipeline.local.template.KeyElement;
import dev.llmpipeline.local.template.QueueSpec;
import dev.llmpipeline.local.template.SamTemplate;
import dev.llmpipeline.local.template.TableSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates the template's queues and tables on the local servers, with the template's settings: key schema and
 * indexes, visibility timeouts (scaled with the stack's time) and redrive policies.
 */
final class ResourceProvisioner {
    private final SamTemplate template;
    private final SqsClient sqs;
    private final DynamoDbClient dynamoDb;
    private final double timeScale;

    ResourceProvisioner(SamTemplate template, SqsClient sqs, DynamoDbClient dynamoDb, double timeScale) {
        this.template = template;
        this.sqs = sqs;
        this.dynamoDb = dynamoDb;
        this.timeScale = timeScale;
    }

    LocalResources provision(String endpointName) {
        Map<String, String> tables = new HashMap<>();
        Map<String, String> queueUrls = new HashMap<>();
        Map<String, String> queueArns = new HashMap<>();
        for (String logicalId : resourcesOfType("AWS::DynamoDB::Table")) {
            tables.put(logicalId, createTable(template.table(logicalId)));
        }
        List<String> queues = resourcesOfType("AWS::SQS::Queue");
        // Dead-letter queues first: a redrive policy names its target's ARN.
        List<String> ordered = new ArrayList<>(queues);
        ordered.sort((left, right) -> Boolean.compare(
                template.queue(left).deadLetterQueueLogicalId().isPresent(),
                template.queue(right).deadLetterQueueLogicalId().isPresent()));
        for (String logicalId : ordered) {
            QueueSpec spec = template.queue(logicalId);
            Map<QueueAttributeName, String> attributes = new HashMap<>();
            // SQS counts visibility in whole seconds; at a small time scale one second is the floor.
            long visibility = Math.max(1, (long) Math.ceil(spec.visibilityTimeoutSeconds() * timeScale));
            attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(visibility));
            spec.deadLetterQueueLogicalId().ifPresent(target -> attributes.put(QueueAttributeName.REDRIVE_POLICY,
                    "{\"deadLetterTargetArn\":\"" + queueArns.get(target) + "\",\"maxReceiveCount\":\""
                            + spec.maxReceiveCount() + "\"}"));
            String url = sqs.createQueue(b -> b.queueName(logicalId).attributes(attributes)).queueUrl();
            queueUrls.put(logicalId, url);
            queueArns.put(logicalId, sqs.getQueueAttributes(b -> b.queueUrl(url)
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN));
        }
        return new LocalResources(tables, queueUrls, queueArns, endpointName);
    }

    private String createTable(TableSpec spec) {
        dynamoDb.createTable(b -> b.tableName(spec.logicalId())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(keySchema(spec.keySchema()))
                .attributeDefinitions(spec.attributeTypes().entrySet().stream()
                        .map(entry -> AttributeDefinition.builder().attributeName(entry.getKey())
                                .attributeType(entry.getValue()).build())
                        .toList())
                .globalSecondaryIndexes(spec.globalSecondaryIndexes().isEmpty() ? null
                        : spec.globalSecondaryIndexes().stream().map(ResourceProvisioner::index).toList()));
        return spec.logicalId();
    }

    private static GlobalSecondaryIndex index(IndexSpec index) {
        return GlobalSecondaryIndex.builder()
                .indexName(index.indexName())
                .keySchema(keySchema(index.keySchema()))
                .projection(Projection.builder().projectionType(index.projectionType())
                        .nonKeyAttributes(index.nonKeyAttributes().isEmpty() ? null : index.nonKeyAttributes())
                        .build())
                .build();
    }

    private static List<KeySchemaElement> keySchema(List<KeyElement> elements) {
        return elements.stream()
                .map(element -> KeySchemaElement.builder().attributeName(element.attributeName())
                        .keyType(element.keyType()).build())
                .toList();
    }

    @SuppressWarnings("unchecked")
    private List<String> resourcesOfType(String type) {
        Map<String, Object> resources = (Map<String, Object>) template.raw().get("Resources");
        return resources.entrySet().stream()
                .filter(entry -> entry.getValue() instanceof Map<?, ?> resource && type.equals(resource.get("Type")))
                .map(Map.Entry::getKey)
                .toList();
    }
}
