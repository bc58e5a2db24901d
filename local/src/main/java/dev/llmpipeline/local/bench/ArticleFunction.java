package dev.llmpipeline.local.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.core.aws.AwsClients;
import dev.llmpipeline.core.aws.EndpointProtocol;
import dev.llmpipeline.core.aws.SageMakerEndpoint;
import dev.llmpipeline.core.config.AwsSettings;
import dev.llmpipeline.core.config.EnvironmentReader;
import dev.llmpipeline.core.http.HttpResponses;
import dev.llmpipeline.core.job.Generation;
import dev.llmpipeline.core.job.GenerationParams;
import dev.llmpipeline.core.json.Json;
import dev.llmpipeline.core.port.EndpointException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The article's design, for comparison: a synchronous function behind the HTTP API that sends the one prompt of its
 * request to the endpoint and answers with the output, one prompt per endpoint call. It uses the same SDK client and
 * endpoint adapter as the worker, so the two designs differ only in how they use the endpoint.
 *
 * <p>Request {@code {"prompt": "...", "max_new_tokens": 32}}; response {@code {"output": "...", "model_ms": 731}}.
 */
final class ArticleFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>,
        AutoCloseable {
    /** Under the HTTP API's 30 s integration timeout, as the article's function had to be. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(29);

    private final AwsClients clients;
    private final SageMakerEndpoint endpoint;

    /** @param environment the worker's environment: {@code ENDPOINT_NAME}, region, credentials, endpoint URL */
    ArticleFunction(Map<String, String> environment) {
        EnvironmentReader env = new EnvironmentReader(environment);
        this.clients = new AwsClients(AwsSettings.read(env));
        this.endpoint = new SageMakerEndpoint(clients.sageMakerRuntime(), env.required("ENDPOINT_NAME"),
                EndpointProtocol.PER_PROMPT, Runnable::run);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String prompt;
        int maxNewTokens;
        try {
            JsonNode body = Json.parse(event.getBody() == null ? "" : event.getBody());
            prompt = body.path("prompt").asText("");
            maxNewTokens = body.path("max_new_tokens").asInt(32);
        } catch (IOException e) {
            return HttpResponses.json(400, Map.of("message", "the body must be JSON"));
        }
        if (prompt.isBlank() || maxNewTokens < 1) {
            return HttpResponses.json(400, Map.of("message", "prompt and max_new_tokens >= 1 are required"));
        }
        long start = System.nanoTime();
        try {
            Generation generation = endpoint.generate(List.of(prompt), new GenerationParams(maxNewTokens), CALL_TIMEOUT)
                    .get(0);
            long modelMs = (System.nanoTime() - start) / 1_000_000;
            return HttpResponses.json(200, Map.of("output", generation.text(), "model_ms", modelMs));
        } catch (EndpointException e) {
            return HttpResponses.json(502, Map.of("message", "the model failed: " + e.getMessage()));
        }
    }

    @Override
    public void close() {
        clients.close();
    }
}
