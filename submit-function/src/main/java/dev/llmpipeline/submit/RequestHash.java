package dev.llmpipeline.submit;

import dev.llmpipeline.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A digest of what a request asks for, after validation and defaults: two bodies that differ only in key order,
 * white space or an explicit default count as the same request for {@code Idempotency-Key}.
 */
final class RequestHash {

    private RequestHash() {
    }

    static String of(JobRequest request) {
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("prompt", request.prompt());
        canonical.put("max_new_tokens", request.maxNewTokens());
        canonical.put("custom_id", request.customId());
        canonical.put("metadata", new TreeMap<>(request.metadata()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(Json.write(canonical).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
