package dev.llmpipeline.local.endpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One answer of the emulator, shaped as SageMaker runtime answers, so that the AWS SDK maps it as it maps
 * the real service's: the SDK picks the exception class from the {@code x-amzn-ErrorType} header and reads
 * the fields of the JSON body (see the
 * <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_runtime_InvokeEndpoint.html">
 * InvokeEndpoint errors</a>).
 *
 * @param status    the HTTP status
 * @param errorType the {@code x-amzn-ErrorType}, or null on success
 * @param body      what to write as JSON
 */
record EndpointResponse(int status, String errorType, Object body) {

    /** The account and region named in model-error messages; nothing here is a real account. */
    static final String ACCOUNT = "000000000000";
    static final String REGION = "us-east-1";

    /**
     * A successful generation, one object per prompt in order, each with TGI's {@code details}.
     *
     * @param generations the outputs
     * @return 200
     */
    static EndpointResponse ok(List<GreedyTextModel.Generation> generations) {
        List<Map<String, Object>> items = generations.stream().map(generation -> {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("finish_reason", generation.finishReason());
            details.put("generated_tokens", generation.tokens());
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("generated_text", generation.text());
            item.put("details", details);
            return item;
        }).toList();
        return new EndpointResponse(200, null, items);
    }

    static EndpointResponse validationError(String message) {
        return new EndpointResponse(400, "ValidationError", Map.of("message", message));
    }

    /** Real SageMaker throttles with 400, not 429; the SDK still recognises the error code as throttling. */
    static EndpointResponse throttled() {
        return new EndpointResponse(400, "ThrottlingException", Map.of("message", "Rate exceeded"));
    }

    /** A 5xx is always a 500 InternalFailure, which the SDK maps to {@code InternalFailureException}. */
    static EndpointResponse internalFailure(String message) {
        return new EndpointResponse(500, "InternalFailure", Map.of("message", message));
    }

    /**
     * The model container refused the call: SageMaker wraps the container's own 400 in a 424 ModelError.
     *
     * @param endpointName    the endpoint, named in the log group
     * @param containerReason what the container said, inside the toolkit's error JSON
     * @param mapper          to write that JSON
     * @return 424
     */
    static EndpointResponse modelError(String endpointName, String containerReason, ObjectMapper mapper) {
        String originalMessage;
        try {
            Map<String, Object> containerError = new LinkedHashMap<>();
            containerError.put("code", 400);
            containerError.put("type", "InternalServerException");
            containerError.put("message", containerReason);
            originalMessage = mapper.writeValueAsString(containerError);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a map of strings as JSON", e);
        }
        String logGroup = "/aws/sagemaker/Endpoints/" + endpointName;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ErrorCode", "CLIENT_ERROR_FROM_MODEL");
        body.put("OriginalStatusCode", 400);
        body.put("OriginalMessage", originalMessage);
        body.put("Message", "Received client error (400) from primary with message \"" + originalMessage
                + "\". See https://" + REGION + ".console.aws.amazon.com/cloudwatch/home?region=" + REGION
                + "#logEventViewer:group=" + logGroup + " in account " + ACCOUNT + " for more information.");
        body.put("LogStreamArn", "arn:aws:logs:" + REGION + ":" + ACCOUNT + ":log-group:" + logGroup);
        return new EndpointResponse(424, "ModelError", body);
    }

    static EndpointResponse notFound(String path) {
        return new EndpointResponse(404, "UnknownOperationException",
                Map.of("message", "No operation at " + path + "; expected POST /endpoints/{name}/invocations"));
    }

    static EndpointResponse methodNotAllowed(String method, String allowed) {
        return new EndpointResponse(405, "UnknownOperationException",
                Map.of("message", "Method " + method + " not allowed here; use " + allowed));
    }

    /**
     * Writes this answer and closes the exchange.
     *
     * @param exchange the request being answered
     * @param mapper   the emulator's JSON mapper
     * @throws IOException if the client went away
     */
    void writeTo(HttpExchange exchange, ObjectMapper mapper) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(body);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("x-amzn-RequestId", UUID.randomUUID().toString());
        if (errorType != null) {
            headers.set("x-amzn-ErrorType", errorType);
        } else {
            headers.set("x-Amzn-Invoked-Production-Variant", "AllTraffic");
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
