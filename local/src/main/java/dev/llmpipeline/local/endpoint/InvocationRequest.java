package dev.llmpipeline.local.endpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A request body in the Hugging Face inference toolkit's format, read and validated:
 * {@code {"inputs": "prompt" | ["p1", ...], "parameters": {"max_new_tokens": n, "do_sample": b, "batch_size": B}}}.
 *
 * <p>Absent parameters take the toolkit's defaults: {@code max_new_tokens} {@value #DEFAULT_MAX_NEW_TOKENS}
 * (transformers' default generation length is that short, which is why callers should always send it),
 * {@code do_sample} false, and {@code batch_size} 1: the toolkit's pipeline runs a list one prompt after the
 * other unless a batch size is passed. Other parameters are accepted and recorded, not interpreted.
 *
 * @param inputs       the prompts, at least one
 * @param parameters   the {@code parameters} object as sent, empty when absent
 * @param maxNewTokens the most tokens to generate per prompt
 * @param doSample     whether to sample instead of decoding greedily
 * @param batchSize    how many prompts the pipeline decodes together
 */
record InvocationRequest(List<String> inputs, Map<String, Object> parameters, int maxNewTokens, boolean doSample,
        int batchSize) {

    static final int DEFAULT_MAX_NEW_TOKENS = 20;

    /** The body is not a valid invocation; the message says why, for the caller. */
    static final class InvalidRequestException extends Exception {
        InvalidRequestException(String message) {
            super(message);
        }
    }

    /**
     * Reads and validates a request body.
     *
     * @param body   the raw body
     * @param mapper the emulator's JSON mapper
     * @return the request
     * @throws InvalidRequestException if the body is not JSON or breaks the format
     */
    static InvocationRequest parse(byte[] body, ObjectMapper mapper) throws InvalidRequestException {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("Request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidRequestException("Request body could not be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRequestException("Request body must be a JSON object with \"inputs\"");
        }
        List<String> inputs = inputsOf(root.get("inputs"));
        JsonNode parametersNode = root.path("parameters");
        if (!parametersNode.isMissingNode() && !parametersNode.isNull() && !parametersNode.isObject()) {
            throw new InvalidRequestException("\"parameters\" must be a JSON object");
        }
        Map<String, Object> parameters = parametersNode.isObject()
                ? mapper.convertValue(parametersNode, new TypeReference<Map<String, Object>>() { })
                : Map.of();
        int maxNewTokens = positiveInt(parametersNode, "max_new_tokens", DEFAULT_MAX_NEW_TOKENS);
        int batchSize = positiveInt(parametersNode, "batch_size", 1);
        JsonNode doSample = parametersNode.path("do_sample");
        if (!doSample.isMissingNode() && !doSample.isNull() && !doSample.isBoolean()) {
            throw new InvalidRequestException("\"do_sample\" must be true or false");
        }
        return new InvocationRequest(inputs, parameters, maxNewTokens, doSample.asBoolean(false), batchSize);
    }

    private static List<String> inputsOf(JsonNode node) throws InvalidRequestException {
        if (node == null || node.isNull()) {
            throw new InvalidRequestException("\"inputs\" is required");
        }
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        if (!node.isArray()) {
            throw new InvalidRequestException("\"inputs\" must be a string or a list of strings");
        }
        if (node.isEmpty()) {
            throw new InvalidRequestException("\"inputs\" must not be an empty list");
        }
        List<String> inputs = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) {
                throw new InvalidRequestException("\"inputs\"[" + i + "] must be a string");
            }
            inputs.add(node.get(i).asText());
        }
        return List.copyOf(inputs);
    }

    private static int positiveInt(JsonNode parameters, String name, int fallback) throws InvalidRequestException {
        JsonNode value = parameters.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1) {
            throw new InvalidRequestException("\"" + name + "\" must be a positive integer, was " + value);
        }
        return value.intValue();
    }
}
