package dev.llmpipeline.local.endpoint;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One invocation the emulator answered, as tests and benchmarks inspect it.
 *
 * @param endpointName   the {@code {name}} of {@code /endpoints/{name}/invocations}
 * @param receivedAt     when the request arrived, before any queueing
 * @param batchSize      number of prompts in the call; 0 when the body could not be read
 * @param promptChars    length in characters of each prompt, in order
 * @param parameters     the {@code parameters} object as sent (empty when absent or unreadable)
 * @param status         the HTTP status answered
 * @param errorType      the {@code x-amzn-ErrorType} answered, or null on success
 * @param latencyMillis  from arrival to answer, queueing for a free instance included
 */
public record RecordedCall(String endpointName, Instant receivedAt, int batchSize, List<Integer> promptChars,
        Map<String, Object> parameters, int status, String errorType, long latencyMillis) {

    /** Copies the collections, so a recorded call cannot change after the fact. */
    public RecordedCall {
        promptChars = List.copyOf(promptChars);
        // JSON parameters may hold nulls, which Map.copyOf refuses.
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }
}
