package dev.llmpipeline.core.aws;

import dev.llmpipeline.core.trace.Span;
import dev.llmpipeline.core.trace.TraceScope;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.AwsResponse;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Records every SDK call made in an active {@link TraceScope} as an X-Ray subsegment ({@code DynamoDB}, {@code SQS},
 * {@code SageMakerRuntime}; namespace {@code aws}) with its operation, resource, status, request id and retries, and
 * passes the trace on: the {@code X-Amzn-Trace-Id} header of the request and, for messages sent to SQS, the
 * {@code AWSTraceHeader} system attribute (see {@link SqsTraceHeaders}), both naming the call's subsegment as parent.
 * Calls outside a scope pass untouched. Stateless and thread-safe: what a call needs travels in its attributes.
 */
public final class TracingInterceptor implements ExecutionInterceptor {
    private static final ExecutionAttribute<Span> SPAN = new ExecutionAttribute<>("XRaySubsegment");
    private static final ExecutionAttribute<AtomicInteger> ATTEMPTS = new ExecutionAttribute<>("XRayAttempts");
    private static final Map<String, String> XRAY_SERVICE_NAMES = Map.of("DynamoDb", "DynamoDB", "Sqs", "SQS");
    private static final String TRACE_HEADER = "X-Amzn-Trace-Id";

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        TraceScope scope = TraceScope.current();
        if (scope.isEmpty()) {
            return;
        }
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        Span span = scope.subsegment(XRAY_SERVICE_NAMES.getOrDefault(service, service))
                .put("namespace", "aws")
                .aws("operation", attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        SdkRequest request = context.request();
        request.getValueForField("TableName", String.class).ifPresent(table -> span.aws("table_name", table));
        request.getValueForField("QueueUrl", String.class).ifPresent(queue -> span.aws("queue_url", queue));
        request.getValueForField("EndpointName", String.class).ifPresent(name -> span.aws("endpoint_name", name));
        attributes.putAttribute(SPAN, span);
        attributes.putAttribute(ATTEMPTS, new AtomicInteger());
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        Span span = attributes.getAttribute(SPAN);
        return span == null ? context.request() : SqsTraceHeaders.addTo(context.request(), span.traceHeader());
    }

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        Span span = attributes.getAttribute(SPAN);
        if (span == null) {
            return context.httpRequest();
        }
        attributes.getAttribute(ATTEMPTS).incrementAndGet();
        return context.httpRequest().toBuilder().putHeader(TRACE_HEADER, span.traceHeader()).build();
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Span span = attributes.getAttribute(SPAN);
        if (span == null) {
            return;
        }
        span.put("http", Map.of("response", Map.of("status", context.httpResponse().statusCode())));
        if (context.response() instanceof AwsResponse response && response.responseMetadata() != null) {
            span.aws("request_id", response.responseMetadata().requestId());
        }
        end(span, attributes);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        Span span = attributes.getAttribute(SPAN);
        if (span == null) {
            return;
        }
        Throwable failure = context.exception();
        if (failure instanceof AwsServiceException serviceError) {
            int status = serviceError.statusCode();
            span.put("http", Map.of("response", Map.of("status", status)));
            span.aws("request_id", String.valueOf(serviceError.requestId()));
            boolean throttled = serviceError.isThrottlingException() || status == 429;
            // X-Ray's flags: error for a client (4xx) error, throttle with it for 429, fault for a server (5xx) error.
            span.put(status >= 500 ? "fault" : "error", true);
            if (throttled) {
                span.put("throttle", true);
            }
        } else {
            span.put("fault", true);
        }
        span.put("cause", Map.of("exceptions", List.of(Map.of(
                "message", String.valueOf(failure.getMessage()), "type", failure.getClass().getSimpleName()))));
        end(span, attributes);
    }

    private static void end(Span span, ExecutionAttributes attributes) {
        int attempts = attributes.getAttribute(ATTEMPTS).get();
        span.aws("retries", Math.max(0, attempts - 1));
        span.close();
    }
}
