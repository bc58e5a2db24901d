package dev.llmpipeline.local.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an {@code AWS::Serverless::Function} into a {@link FunctionSpec}, applying {@code Globals.Function} the
 * way SAM does: a property the function sets wins, and environment variables are merged. Events other than
 * {@code HttpApi} and {@code SQS} are not part of the spec.
 */
final class FunctionReader {

    private static final int SAM_DEFAULT_TIMEOUT_SECONDS = 3;
    private static final int SAM_DEFAULT_MEMORY_MB = 128;
    private static final int SQS_DEFAULT_BATCH_SIZE = 10;

    private final TemplateNode template;
    private final ValueResolver values;

    FunctionReader(TemplateNode template, ValueResolver values) {
        this.template = template;
        this.values = values;
    }

    FunctionSpec read(TemplateNode resource) {
        String logicalId = resource.path().substring(resource.path().lastIndexOf('.') + 1);
        TemplateNode properties = resource.get("Properties");
        return new FunctionSpec(logicalId,
                values.text(property(properties, "Handler")),
                values.text(property(properties, "CodeUri")),
                values.integer(property(properties, "Timeout"), SAM_DEFAULT_TIMEOUT_SECONDS),
                values.integer(property(properties, "MemorySize"), SAM_DEFAULT_MEMORY_MB),
                environment(properties),
                routes(properties),
                sqsEvent(logicalId, properties));
    }

    /** The function's own property, else the globals'; the function's (missing) one if neither is set. */
    private TemplateNode property(TemplateNode properties, String name) {
        TemplateNode own = properties.get(name);
        TemplateNode global = template.get("Globals").get("Function").get(name);
        return own.isMissing() && !global.isMissing() ? global : own;
    }

    private Map<String, Object> environment(TemplateNode properties) {
        Map<String, Object> environment = new LinkedHashMap<>();
        List<TemplateNode> sources = List.of(
                template.get("Globals").get("Function").get("Environment").get("Variables"),
                properties.get("Environment").get("Variables"));
        for (TemplateNode variables : sources) {
            variables.entries().forEach((name, value) -> {
                if (value.isMissing()) {
                    throw new IllegalArgumentException(value.path() + " has no value");
                }
                environment.put(name, values.textOrIntrinsic(value));
            });
        }
        return environment;
    }

    private List<HttpRoute> routes(TemplateNode properties) {
        List<HttpRoute> routes = new ArrayList<>();
        for (TemplateNode event : properties.get("Events").entries().values()) {
            if (!event.require("Type").text().equals("HttpApi")) {
                continue;
            }
            TemplateNode eventProperties = event.get("Properties");
            TemplateNode method = eventProperties.get("Method");
            TemplateNode path = eventProperties.get("Path");
            boolean catchAll = method.isMissing() && path.isMissing(); // SAM's $default route
            routes.add(new HttpRoute(
                    catchAll ? "ANY" : values.text(method).toUpperCase(Locale.ROOT),
                    catchAll ? "$default" : values.text(path),
                    isAuthorized(eventProperties)));
        }
        return routes;
    }

    private boolean isAuthorized(TemplateNode eventProperties) {
        TemplateNode authorizer = eventProperties.get("Auth").get("Authorizer");
        if (!authorizer.isMissing()) {
            return !values.text(authorizer).equals("NONE");
        }
        TemplateNode apiId = eventProperties.get("ApiId");
        TemplateNode apiAuth = template.get("Globals").get("HttpApi").get("Auth");
        if (!apiId.isMissing()) {
            if (!(apiId.value() instanceof Map<?, ?> ref && ref.get("Ref") instanceof String apiLogicalId)) {
                throw new IllegalArgumentException(apiId.path() + ": expected !Ref to an HttpApi of this template");
            }
            TemplateNode api = template.get("Resources").get(apiLogicalId);
            if (api.isMissing() || !"AWS::Serverless::HttpApi".equals(api.get("Type").value())) {
                throw new IllegalArgumentException(apiId.path() + ": " + apiLogicalId
                        + " is not an AWS::Serverless::HttpApi of this template");
            }
            TemplateNode ownAuth = api.get("Properties").get("Auth");
            apiAuth = ownAuth.get("DefaultAuthorizer").isMissing() ? apiAuth : ownAuth;
        }
        return !apiAuth.get("DefaultAuthorizer").isMissing();
    }

    private Optional<SqsEventSpec> sqsEvent(String logicalId, TemplateNode properties) {
        List<TemplateNode> sqsEvents = properties.get("Events").entries().values().stream()
                .filter(event -> event.require("Type").text().equals("SQS"))
                .toList();
        if (sqsEvents.size() > 1) {
            throw new IllegalArgumentException("Resources." + logicalId + " has " + sqsEvents.size()
                    + " SQS events; the local stack supports one per function");
        }
        return sqsEvents.stream().findFirst().map(event -> {
            TemplateNode sqs = event.require("Properties");
            boolean reportsItemFailures = sqs.get("FunctionResponseTypes").items().stream()
                    .anyMatch(type -> values.text(type).equals("ReportBatchItemFailures"));
            return new SqsEventSpec(
                    values.logicalIdOfArn(sqs.require("Queue")),
                    values.integer(sqs.get("BatchSize"), SQS_DEFAULT_BATCH_SIZE),
                    values.integer(sqs.get("MaximumBatchingWindowInSeconds"), 0),
                    values.integer(sqs.get("ScalingConfig").get("MaximumConcurrency"), 0),
                    reportsItemFailures);
        });
    }
}
