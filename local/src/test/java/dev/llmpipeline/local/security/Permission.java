package dev.llmpipeline.local.security;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An IAM action on a resource: what a call needs, or, as a policy grants it, a pattern of what it allows.
 *
 * @param action   {@code service:Action}, such as {@code dynamodb:Query}
 * @param resource an ARN; in a grant, {@code *} and {@code ?} may stand for any characters or any one
 */
record Permission(String action, String resource) {

    /** What IAM authorises a recorded call as. */
    static Permission of(SdkCall call, LocalArns arns) {
        return new Permission(actionOf(call), arns.of(call));
    }

    /**
     * The IAM action of a call. A batch operation of SQS is authorised by the action of its single form:
     * <a href="https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsqs.html">Actions
     * defined by Amazon SQS</a>; DynamoDB's {@code BatchWriteItem} and {@code BatchGetItem} are actions of their own.
     */
    static String actionOf(SdkCall call) {
        String prefix = switch (call.service()) {
            case "DynamoDb" -> "dynamodb";
            case "Sqs" -> "sqs";
            case "SageMakerRuntime" -> "sagemaker";
            default -> throw new IllegalArgumentException("no IAM prefix known for service " + call.service());
        };
        String action = switch (call.operation()) {
            case "SendMessageBatch" -> "SendMessage";
            case "DeleteMessageBatch" -> "DeleteMessage";
            case "ChangeMessageVisibilityBatch" -> "ChangeMessageVisibility";
            default -> call.operation();
        };
        return prefix + ":" + action;
    }

    /** Whether this grant allows {@code needed}: actions compare without case, as in IAM; resources with it. */
    boolean allows(Permission needed) {
        return glob(action.toLowerCase(Locale.ROOT)).matcher(needed.action.toLowerCase(Locale.ROOT)).matches()
                && glob(resource).matcher(needed.resource).matches();
    }

    /** Whether the action or the resource uses a wildcard. */
    boolean hasWildcard() {
        return action.contains("*") || action.contains("?") || resource.contains("*") || resource.contains("?");
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String literal : pattern.split("((?<=[*?])|(?=[*?]))")) {
            regex.append(switch (literal) {
                case "*" -> ".*";
                case "?" -> ".";
                default -> Pattern.quote(literal);
            });
        }
        return Pattern.compile(regex.toString());
    }
}
