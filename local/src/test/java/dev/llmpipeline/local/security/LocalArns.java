package dev.llmpipeline.local.security;

import dev.llmpipeline.local.stack.LocalStack;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ARNs the template's resources would have, for the local stack's stand-ins of them: a table
 * {@code arn:aws:dynamodb:REGION:ACCOUNT:table/NAME}, its indexes {@code .../index/NAME}, a queue
 * {@code arn:aws:sqs:REGION:ACCOUNT:NAME}, an endpoint {@code arn:aws:sagemaker:REGION:ACCOUNT:endpoint/NAME}
 * (SageMaker keeps endpoint ARNs in lower case). Resolves a policy's resources (the {@code !GetAtt X.Arn},
 * {@code !Ref Endpoint} and {@code !Sub} of the template) and the resources of recorded calls alike, so the two
 * can be compared.
 */
final class LocalArns {
    private static final String REGION_AND_ACCOUNT = "us-east-1:000000000000";
    private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{([^}]+)}");

    private final LocalStack stack;
    private final Map<?, ?> resources;

    LocalArns(LocalStack stack) {
        this.stack = stack;
        this.resources = (Map<?, ?>) stack.template().raw().get("Resources");
    }

    /** The ARN of the resource a call names. */
    String of(SdkCall call) {
        return switch (call.service()) {
            case "DynamoDb" -> table(call.resource());
            case "Sqs" -> queue(call.resource().substring(call.resource().lastIndexOf('/') + 1));
            case "SageMakerRuntime" -> endpoint(call.resource());
            default -> throw new IllegalArgumentException("no ARN known for a resource of " + call.service());
        };
    }

    /** A {@code Resource} of a policy statement: an ARN already, or an intrinsic of the template's resources. */
    String resolve(Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Map<?, ?> intrinsic && intrinsic.size() == 1) {
            if (intrinsic.get("Ref") instanceof String logicalId) {
                return ref(logicalId);
            }
            if (intrinsic.get("Fn::GetAtt") instanceof List<?> parts && parts.size() == 2) {
                return getAtt(String.valueOf(parts.get(0)), String.valueOf(parts.get(1)));
            }
            if (intrinsic.get("Fn::Sub") instanceof String template) {
                return substitute(template);
            }
        }
        throw new IllegalArgumentException("a policy resource this test cannot resolve: " + value);
    }

    private String substitute(String template) {
        Matcher variable = SUBSTITUTION.matcher(template);
        StringBuilder resolved = new StringBuilder();
        while (variable.find()) {
            String name = variable.group(1);
            int dot = name.indexOf('.');
            String value = dot < 0 ? ref(name) : getAtt(name.substring(0, dot), name.substring(dot + 1));
            variable.appendReplacement(resolved, Matcher.quoteReplacement(value));
        }
        return variable.appendTail(resolved).toString();
    }

    /** {@code Ref} of a resource whose reference is its ARN; a table's and a queue's are a name and a URL. */
    private String ref(String logicalId) {
        if (typeOf(logicalId).equals("AWS::SageMaker::Endpoint")) {
            return endpoint(stack.endpointName());
        }
        throw new IllegalArgumentException("Ref " + logicalId + " is no ARN (a " + typeOf(logicalId) + ")");
    }

    private String getAtt(String logicalId, String attribute) {
        if (!attribute.equals("Arn")) {
            throw new IllegalArgumentException("GetAtt " + logicalId + "." + attribute + " is no ARN");
        }
        String url;
        return switch (typeOf(logicalId)) {
            case "AWS::DynamoDB::Table" -> table(stack.tableName(logicalId));
            case "AWS::SQS::Queue" -> {
                url = stack.queueUrl(logicalId);
                yield queue(url.substring(url.lastIndexOf('/') + 1));
            }
            default -> throw new IllegalArgumentException("no local ARN of " + logicalId);
        };
    }

    private String typeOf(String logicalId) {
        if (!(resources.get(logicalId) instanceof Map<?, ?> resource)) {
            throw new IllegalArgumentException("no resource " + logicalId + " in the template");
        }
        return String.valueOf(resource.get("Type"));
    }

    private static String table(String nameAndIndex) {
        return "arn:aws:dynamodb:" + REGION_AND_ACCOUNT + ":table/" + nameAndIndex;
    }

    private static String queue(String name) {
        return "arn:aws:sqs:" + REGION_AND_ACCOUNT + ":" + name;
    }

    private static String endpoint(String name) {
        return "arn:aws:sagemaker:" + REGION_AND_ACCOUNT + ":endpoint/" + name.toLowerCase(Locale.ROOT);
    }
}
