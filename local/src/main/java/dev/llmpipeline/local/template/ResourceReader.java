package dev.llmpipeline.local.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads queues, tables and the HTTP API of the template into their specs. */
final class ResourceReader {

    private static final int SQS_DEFAULT_VISIBILITY_TIMEOUT_SECONDS = 30;

    private final TemplateNode template;
    private final ValueResolver values;

    ResourceReader(TemplateNode template, ValueResolver values) {
        this.template = template;
        this.values = values;
    }

    QueueSpec queue(String logicalId) {
        TemplateNode properties = resource(logicalId, "AWS::SQS::Queue").get("Properties");
        int visibilityTimeout = values.integer(properties.get("VisibilityTimeout"),
                SQS_DEFAULT_VISIBILITY_TIMEOUT_SECONDS);
        TemplateNode redrive = properties.get("RedrivePolicy");
        if (redrive.isMissing()) {
            return new QueueSpec(logicalId, visibilityTimeout, Optional.empty(), 0);
        }
        if (!(redrive.value() instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(redrive.path() + ": write it as a mapping with "
                    + "deadLetterTargetArn and maxReceiveCount");
        }
        return new QueueSpec(logicalId, visibilityTimeout,
                Optional.of(values.logicalIdOfArn(redrive.require("deadLetterTargetArn"))),
                values.integer(redrive.require("maxReceiveCount")));
    }

    TableSpec table(String logicalId) {
        TemplateNode properties = resource(logicalId, "AWS::DynamoDB::Table").get("Properties");
        Map<String, String> attributeTypes = new LinkedHashMap<>();
        for (TemplateNode definition : properties.require("AttributeDefinitions").items()) {
            attributeTypes.put(values.text(definition.require("AttributeName")),
                    values.text(definition.require("AttributeType")));
        }
        List<KeyElement> keySchema = keySchema(properties.require("KeySchema"), attributeTypes);
        List<IndexSpec> indexes = properties.get("GlobalSecondaryIndexes").items().stream()
                .map(index -> new IndexSpec(
                        values.text(index.require("IndexName")),
                        keySchema(index.require("KeySchema"), attributeTypes),
                        values.text(index.require("Projection").require("ProjectionType")),
                        index.require("Projection").get("NonKeyAttributes").items().stream()
                                .map(values::text).toList()))
                .toList();
        return new TableSpec(logicalId, keySchema, attributeTypes, indexes);
    }

    /** The one HTTP API; its route settings fall back to {@code Globals.HttpApi}, as in SAM. */
    HttpApiSpec httpApi() {
        List<TemplateNode> apis = template.get("Resources").entries().values().stream()
                .filter(resource -> "AWS::Serverless::HttpApi".equals(resource.get("Type").value()))
                .toList();
        if (apis.size() != 1) {
            throw new IllegalArgumentException("expected one AWS::Serverless::HttpApi in Resources, found "
                    + apis.size());
        }
        TemplateNode settings = apis.get(0).get("Properties").get("DefaultRouteSettings");
        if (settings.isMissing()) {
            settings = template.get("Globals").get("HttpApi").get("DefaultRouteSettings");
        }
        if (settings.isMissing()) {
            settings = apis.get(0).get("Properties").get("DefaultRouteSettings"); // name the API's own in errors
        }
        return new HttpApiSpec(values.integer(settings.require("ThrottlingBurstLimit")),
                values.decimal(settings.require("ThrottlingRateLimit")));
    }

    private List<KeyElement> keySchema(TemplateNode schema, Map<String, String> attributeTypes) {
        return schema.items().stream().map(element -> {
            String attributeName = values.text(element.require("AttributeName"));
            if (!attributeTypes.containsKey(attributeName)) {
                throw new IllegalArgumentException(element.path() + ": attribute " + attributeName
                        + " has no AttributeDefinitions entry");
            }
            return new KeyElement(attributeName, values.text(element.require("KeyType")));
        }).toList();
    }

    private TemplateNode resource(String logicalId, String expectedType) {
        TemplateNode resource = template.get("Resources").get(logicalId);
        if (resource.isMissing()) {
            throw new IllegalArgumentException("no resource " + logicalId + " in the template's Resources");
        }
        Object type = resource.get("Type").value();
        if (!expectedType.equals(type)) {
            throw new IllegalArgumentException(resource.path() + " is a " + type + ", not an " + expectedType);
        }
        return resource;
    }
}
