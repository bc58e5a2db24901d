package dev.llmpipeline.core.aws;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;

/**
 * A SageMaker runtime client that answers {@code InvokeEndpoint} from a script and records each request, so that
 * {@link SageMakerEndpoint} can be tested without a server. Only {@code InvokeEndpoint} is supported. Thread-safe.
 */
final class ScriptedSageMakerRuntimeClient implements SageMakerRuntimeClient {

    /** One request as the client received it. */
    record Invocation(String endpointName, String contentType, String accept, String body, Duration apiCallTimeout) {}

    private final List<Invocation> invocations = new CopyOnWriteArrayList<>();
    private final Deque<Supplier<String>> answers = new ArrayDeque<>();

    /** Queues the body of the next answer. */
    synchronized ScriptedSageMakerRuntimeClient answer(String body) {
        answers.add(() -> body);
        return this;
    }

    /** Queues a failure as the next answer. */
    synchronized ScriptedSageMakerRuntimeClient fail(RuntimeException failure) {
        answers.add(() -> {
            throw failure;
        });
        return this;
    }

    List<Invocation> invocations() {
        return List.copyOf(invocations);
    }

    @Override
    public InvokeEndpointResponse invokeEndpoint(InvokeEndpointRequest request) {
        Supplier<String> answer;
        synchronized (this) {
            invocations.add(new Invocation(request.endpointName(), request.contentType(), request.accept(),
                    request.body().asUtf8String(), request.overrideConfiguration()
                            .flatMap(config -> config.apiCallTimeout()).orElse(null)));
            answer = answers.poll();
        }
        if (answer == null) {
            throw new IllegalStateException("no answer scripted for " + request.body().asUtf8String());
        }
        return InvokeEndpointResponse.builder().contentType("application/json")
                .body(SdkBytes.fromUtf8String(answer.get())).build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }
}
