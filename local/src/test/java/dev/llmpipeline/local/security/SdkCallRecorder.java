package dev.llmpipeline.local.security;

import dev.llmpipeline.core.aws.AwsClients;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records every AWS call a function's code sends. The SDK adds this interceptor to every client of the test JVM,
 * as a global interceptor named in {@code software/amazon/awssdk/global/handlers/execution.interceptors} on the
 * test classpath; a call is a function's when its user agent names the function, as {@link AwsClients} makes it
 * do from {@code AWS_LAMBDA_FUNCTION_NAME} (which the local stack sets per function, as Lambda does). The stack's
 * own clients and the tests' name no function, so they are left out.
 *
 * <p>A call is recorded just before it is sent, after marshalling and signing: a request the SDK refuses earlier
 * (the worker's priming of its SageMaker client) never reaches AWS, so IAM never sees it either. Thread-safe.
 */
public final class SdkCallRecorder implements ExecutionInterceptor {
    private static final Pattern FUNCTION = Pattern.compile(
            " " + Pattern.quote(AwsClients.FUNCTION_AGENT_PREFIX) + "(\\S+)$");
    /** Shared: the SDK builds one instance of a global interceptor per client. A set, so memory stays bounded. */
    private static final Set<SdkCall> CALLS = ConcurrentHashMap.newKeySet();

    /** Every distinct call recorded since the JVM started or {@link #clear()}. */
    static Set<SdkCall> calls() {
        return Set.copyOf(CALLS);
    }

    /** Forgets what was recorded: tests run one after the other, and the calls of earlier ones do not count. */
    static void clear() {
        CALLS.clear();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Matcher function = FUNCTION.matcher(context.httpRequest().firstMatchingHeader("User-Agent").orElse(""));
        if (!function.find()) {
            return;
        }
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        for (String resource : resources(context.request())) {
            CALLS.add(new SdkCall(function.group(1), service, operation, resource));
        }
    }

    /** The resources a request names, by the fields the SDK's models give them. */
    private static List<String> resources(SdkRequest request) {
        var table = request.getValueForField("TableName", String.class);
        if (table.isPresent()) {
            return List.of(request.getValueForField("IndexName", String.class)
                    .map(index -> table.get() + "/index/" + index).orElse(table.get()));
        }
        var batch = request.getValueForField("RequestItems", Map.class);
        if (batch.isPresent()) {
            return ((Map<?, ?>) batch.get()).keySet().stream().map(String::valueOf).toList();
        }
        return request.getValueForField("QueueUrl", String.class)
                .or(() -> request.getValueForField("EndpointName", String.class))
                .map(List::of)
                .orElse(List.of(""));
    }
}
