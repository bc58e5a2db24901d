package dev.llmpipeline.core.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.core.job.Generation;
import dev.llmpipeline.core.job.GenerationParams;
import dev.llmpipeline.core.json.Json;
import dev.llmpipeline.core.port.EndpointException;
import dev.llmpipeline.core.port.ModelEndpoint;
import dev.llmpipeline.core.trace.TraceScope;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointRequest;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;

/**
 * {@link ModelEndpoint} on a SageMaker real-time endpoint ({@code InvokeEndpoint}). Decoding is always greedy
 * ({@code do_sample: false}) and bounded ({@code max_new_tokens}). Failures are classified for the caller's retry
 * decisions; this class retries nothing itself. Thread-safe.
 */
public final class SageMakerEndpoint implements ModelEndpoint {
    private static final String JSON = "application/json";
    private static final Duration PRIMING_TIMEOUT = Duration.ofSeconds(2);
    private static final String PRIMING_ANSWER = "[{\"generated_text\": \"priming\"}]";

    private final SageMakerRuntimeClient client;
    private final String endpointName;
    private final EndpointProtocol protocol;
    private final Executor perPromptExecutor;

    /**
     * @param perPromptExecutor runs the concurrent calls of {@link EndpointProtocol#PER_PROMPT}
     */
    public SageMakerEndpoint(SageMakerRuntimeClient client, String endpointName, EndpointProtocol protocol,
                             Executor perPromptExecutor) {
        this.client = client;
        this.endpointName = endpointName;
        this.protocol = protocol;
        this.perPromptExecutor = perPromptExecutor;
    }

    @Override
    public List<Generation> generate(List<String> prompts, GenerationParams params, Duration timeout) {
        if (prompts.isEmpty()) {
            return List.of();
        }
        return protocol == EndpointProtocol.HF_BATCH ? generateBatch(prompts, params, timeout) : generateEach(prompts, params, timeout);
    }

    private List<Generation> generateBatch(List<String> prompts, GenerationParams params, Duration timeout) {
        Map<String, Object> parameters = greedy(params);
        parameters.put("batch_size", prompts.size());
        JsonNode answer = invoke(Map.of("inputs", prompts, "parameters", parameters), timeout);
        return GenerationParser.parse(answer, prompts.size(), params.maxNewTokens());
    }

    private List<Generation> generateEach(List<String> prompts, GenerationParams params, Duration timeout) {
        Map<String, Object> parameters = greedy(params);
        parameters.put("details", true);
        List<CompletableFuture<Generation>> calls = new ArrayList<>();
        // The calls run on other threads: they carry the caller's trace scope with them.
        TraceScope scope = TraceScope.current();
        for (String prompt : prompts) {
            calls.add(CompletableFuture.supplyAsync(scope.wrap(() -> GenerationParser.parse(
                    invoke(Map.of("inputs", prompt, "parameters", parameters), timeout), 1,
                    params.maxNewTokens()).get(0)), perPromptExecutor));
        }
        List<Generation> generations = new ArrayList<>(prompts.size());
        for (CompletableFuture<Generation> call : calls) {
            try {
                generations.add(call.join());
            } catch (CompletionException e) {
                throw e.getCause() instanceof EndpointException endpointError ? endpointError
                        : new EndpointException(EndpointException.Kind.TRANSIENT, e.getCause().toString(), e.getCause());
            }
        }
        return generations;
    }

    private static Map<String, Object> greedy(GenerationParams params) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("max_new_tokens", params.maxNewTokens());
        parameters.put("do_sample", false);
        return parameters;
    }

    /**
     * Runs this adapter's request path as far as it goes without calling the model, so that init rather than the
     * first invocation pays for loading it: a request body is written as for a real call, and the SDK client is
     * given a request that names no endpoint, which its marshaller refuses before anything is sent (so no model is
     * invoked and no permission is needed); then an answer of the Hugging Face toolkit's shape is parsed.
     */
    public void prime() {
        Map<String, Object> parameters = greedy(new GenerationParams(1));
        parameters.put("batch_size", 1);
        try {
            client.invokeEndpoint(request(null, Map.of("inputs", List.of("priming"), "parameters", parameters),
                    PRIMING_TIMEOUT));
        } catch (SdkClientException refused) {
            // As intended: "Parameter 'EndpointName' must not be null", from the marshaller.
        }
        try {
            GenerationParser.parse(Json.parse(PRIMING_ANSWER), 1, 1);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InvokeEndpointRequest request(String endpointName, Map<String, Object> body, Duration timeout) {
        return InvokeEndpointRequest.builder()
                .endpointName(endpointName)
                .contentType(JSON)
                .accept(JSON)
                .overrideConfiguration(o -> o.apiCallTimeout(timeout))
                .body(SdkBytes.fromUtf8String(Json.write(body)))
                .build();
    }

    private JsonNode invoke(Map<String, Object> request, Duration timeout) {
        String answer;
        try {
            answer = client.invokeEndpoint(request(endpointName, request, timeout)).body().asUtf8String();
        } catch (ModelErrorException e) {
            String message = e.originalMessage() != null ? e.originalMessage() : e.awsErrorDetails().errorMessage();
            // SageMaker wraps the container's own answers in ModelError too: its 429 or 5xx (overloaded, no worker,
            // restarting) says nothing about the prompts and is worth retrying; a 4xx is the model refusing them.
            Integer original = e.originalStatusCode();
            boolean containerFault = original != null && (original == 429 || original >= 500);
            throw new EndpointException(containerFault ? EndpointException.Kind.TRANSIENT
                    : EndpointException.Kind.MODEL_ERROR, message, e);
        } catch (AwsServiceException e) {
            boolean transientFault = e.isThrottlingException() || e.statusCode() >= 500 || e.statusCode() == 429;
            throw new EndpointException(transientFault ? EndpointException.Kind.TRANSIENT : EndpointException.Kind.PERMANENT,
                    "InvokeEndpoint failed (" + e.statusCode() + "): " + e.getMessage(), e);
        } catch (ApiCallTimeoutException | ApiCallAttemptTimeoutException e) {
            throw new EndpointException(EndpointException.Kind.TIMEOUT, "InvokeEndpoint did not answer within "
                    + timeout.toMillis() + " ms", e);
        } catch (SdkClientException e) {
            boolean timedOut = e.getCause() instanceof SocketTimeoutException;
            throw new EndpointException(timedOut ? EndpointException.Kind.TIMEOUT : EndpointException.Kind.TRANSIENT,
                    "InvokeEndpoint failed: " + e.getMessage(), e);
        }
        try {
            return Json.parse(answer);
        } catch (JsonProcessingException e) {
            throw new EndpointException(EndpointException.Kind.PERMANENT, "the endpoint answered malformed JSON", e);
        }
    }
}
