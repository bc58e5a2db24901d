package dev.llmpipeline.local.template.spec;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gives each environment value of a template a plausible deployed value, so that a function's config can be built
 * from it: parameters take their defaults, pseudo parameters and resources values of the shape CloudFormation
 * would give them (a queue's Ref is its URL, an {@code Arn} attribute an ARN). Nothing here is ever contacted.
 */
final class TemplateValues {

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    private static final Map<String, String> PSEUDO_PARAMETERS = Map.of("AWS::Region", "us-east-1",
            "AWS::AccountId", "123456789012", "AWS::Partition", "aws", "AWS::URLSuffix", "amazonaws.com",
            "AWS::StackName", "stack", "AWS::StackId",
            "arn:aws:cloudformation:us-east-1:123456789012:stack/stack/00000000-0000-0000-0000-000000000000");

    private final Map<String, Object> parameters;
    private final Map<String, Object> resources;

    TemplateValues(Map<String, Object> template) {
        this.parameters = Maps.of(template.get("Parameters"));
        this.resources = Maps.of(template.get("Resources"));
    }

    String resolve(Object value) {
        if (!(value instanceof Map<?, ?> map) || map.size() != 1) {
            return String.valueOf(value);
        }
        Map<String, Object> function = Maps.of(map);
        if (function.get("Ref") instanceof String name) {
            return ref(name);
        }
        if (function.get("Fn::GetAtt") instanceof List<?> parts && parts.size() == 2) {
            return attribute(String.valueOf(parts.get(0)), String.valueOf(parts.get(1)));
        }
        if (function.get("Fn::Sub") instanceof String template) {
            Matcher variable = SUB_VARIABLE.matcher(template);
            StringBuilder text = new StringBuilder();
            while (variable.find()) {
                String name = variable.group(1);
                int dot = name.indexOf('.');
                String replacement = name.startsWith("!") ? "${" + name.substring(1) + "}"
                        : dot > 0 && !name.startsWith("AWS::") ? attribute(name.substring(0, dot),
                        name.substring(dot + 1)) : ref(name);
                variable.appendReplacement(text, Matcher.quoteReplacement(replacement));
            }
            return variable.appendTail(text).toString();
        }
        return "unresolved-" + function.keySet().iterator().next(); // Join, Select...: not needed so far
    }

    private String ref(String name) {
        if (parameters.containsKey(name)) {
            Object defaultValue = Maps.of(parameters.get(name)).get("Default");
            return defaultValue == null ? "parameter-" + name : String.valueOf(defaultValue);
        }
        if (PSEUDO_PARAMETERS.containsKey(name)) {
            return PSEUDO_PARAMETERS.get(name);
        }
        String type = String.valueOf(Maps.of(resources.get(name)).get("Type"));
        return switch (type) {
            case "AWS::SQS::Queue" -> "https://sqs.us-east-1.amazonaws.com/123456789012/" + name;
            case "AWS::SageMaker::Endpoint" -> arn("sagemaker", "endpoint/" + name);
            default -> name; // a table's, a function's, a model's Ref is its name
        };
    }

    private static String attribute(String resource, String attribute) {
        if (attribute.endsWith("Arn")) {
            return arn("service", resource);
        }
        return attribute.endsWith("Url") ? "https://" + resource + ".amazonaws.com" : resource + "-" + attribute;
    }

    private static String arn(String service, String resource) {
        return "arn:aws:" + service + ":us-east-1:123456789012:" + resource;
    }
}
