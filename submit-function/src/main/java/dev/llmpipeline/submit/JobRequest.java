package dev.llmpipeline.submit;

import java.util.Map;

/** A validated job submission, with defaults applied. */
public record JobRequest(String prompt, int maxNewTokens, String customId, Map<String, String> metadata) {
    public JobRequest {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
