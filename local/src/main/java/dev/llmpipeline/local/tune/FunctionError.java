package dev.llmpipeline.local.tune;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.core.json.Json;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * An invocation the function answered with an error ({@code X-Amz-Function-Error}): {@code Unhandled} for an
 * exception or a crash such as running out of memory, {@code Handled} for an error the function returned, with the
 * {@code errorType} and {@code errorMessage} of the payload.
 * https://docs.aws.amazon.com/lambda/latest/dg/java-exceptions.html
 */
record FunctionError(String kind, String errorType, String errorMessage) {
    private static final int LONGEST_MESSAGE = 200;

    static FunctionError of(InvokeResponse response) {
        String payload = response.payload() == null ? "" : response.payload().asUtf8String();
        try {
            JsonNode body = Json.parse(payload);
            return new FunctionError(response.functionError(), body.path("errorType").asText(""),
                    body.path("errorMessage").asText(payload));
        } catch (JsonProcessingException e) {
            // Not the runtime's error document (a custom runtime may answer anything): show what came back.
            return new FunctionError(response.functionError(), "", payload);
        }
    }

    /** One line: {@code Unhandled Runtime.OutOfMemory: …}. */
    String describe() {
        String message = errorMessage.strip().replaceAll("\\s+", " ");
        if (message.length() > LONGEST_MESSAGE) {
            message = message.substring(0, LONGEST_MESSAGE) + "…";
        }
        return kind + (errorType.isEmpty() ? "" : " " + errorType) + (message.isEmpty() ? "" : ": " + message);
    }
}
