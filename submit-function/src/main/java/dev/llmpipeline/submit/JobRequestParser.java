package dev.llmpipeline.submit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates one job request object. Every problem is reported with the field it concerns, and nothing the client
 * sent is ignored: an unknown field (a typo such as {@code max_tokens}) or a sampling setting is refused, because
 * silently dropping it would run a job other than the one the client meant. Immutable and thread-safe.
 */
final class JobRequestParser {
    static final int MAX_CUSTOM_ID_CHARS = 64;
    static final int MAX_METADATA_ENTRIES = 16;
    static final int MAX_METADATA_KEY_CHARS = 64;
    static final int MAX_METADATA_VALUE_CHARS = 512;

    private static final Set<String> KNOWN = Set.of("prompt", "max_new_tokens", "custom_id", "metadata", "do_sample");
    private static final Set<String> SAMPLING = Set.of("temperature", "top_p", "top_k", "num_beams", "typical_p",
            "repetition_penalty", "num_return_sequences", "seed");
    private static final Map<String, String> LIKELY_TYPOS = Map.of(
            "max_tokens", "max_new_tokens", "maxNewTokens", "max_new_tokens", "max_length", "max_new_tokens",
            "inputs", "prompt", "input", "prompt", "customId", "custom_id");

    private final int maxPromptChars;
    private final int maxNewTokensCap;
    private final int defaultMaxNewTokens;

    JobRequestParser(int maxPromptChars, int maxNewTokensCap, int defaultMaxNewTokens) {
        this.maxPromptChars = maxPromptChars;
        this.maxNewTokensCap = maxNewTokensCap;
        this.defaultMaxNewTokens = defaultMaxNewTokens;
    }

    /**
     * Parses one request.
     *
     * @param customIdRequired whether {@code custom_id} must be present (it must in a batch)
     * @throws InvalidRequestException listing every problem found
     */
    JobRequest parse(JsonNode node, boolean customIdRequired) {
        List<FieldProblem> problems = new ArrayList<>();
        if (node == null || !node.isObject()) {
            throw new InvalidRequestException(List.of(new FieldProblem("body", "must be a JSON object")));
        }
        rejectUnknownFields(node, problems);
        String prompt = prompt(node.get("prompt"), problems);
        int maxNewTokens = maxNewTokens(node.get("max_new_tokens"), problems);
        String customId = customId(node.get("custom_id"), customIdRequired, problems);
        Map<String, String> metadata = metadata(node.get("metadata"), problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return new JobRequest(prompt, maxNewTokens, customId, metadata);
    }

    private static void rejectUnknownFields(JsonNode node, List<FieldProblem> problems) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (SAMPLING.contains(name)) {
                problems.add(new FieldProblem(name, "not supported: decoding is greedy and bounded by max_new_tokens,"
                        + " so sampling and beam settings are refused"));
            } else if (name.equals("do_sample")) {
                if (!node.get(name).isBoolean() || node.get(name).booleanValue()) {
                    problems.add(new FieldProblem(name, "only false is accepted: decoding is greedy"));
                }
            } else if (!KNOWN.contains(name)) {
                String hint = LIKELY_TYPOS.containsKey(name) ? " (did you mean " + LIKELY_TYPOS.get(name) + "?)" : "";
                problems.add(new FieldProblem(name, "unknown field" + hint));
            }
        }
    }

    private String prompt(JsonNode value, List<FieldProblem> problems) {
        if (value == null || value.isNull()) {
            problems.add(new FieldProblem("prompt", "is required"));
            return null;
        }
        if (!value.isTextual()) {
            problems.add(new FieldProblem("prompt", "must be a string"));
            return null;
        }
        String prompt = value.textValue();
        if (prompt.isBlank()) {
            problems.add(new FieldProblem("prompt", "must not be empty or blank"));
        } else if (prompt.codePointCount(0, prompt.length()) > maxPromptChars) {
            problems.add(new FieldProblem("prompt", "must be at most " + maxPromptChars + " characters, was "
                    + prompt.codePointCount(0, prompt.length())));
        }
        return prompt;
    }

    private int maxNewTokens(JsonNode value, List<FieldProblem> problems) {
        if (value == null || value.isNull()) {
            return defaultMaxNewTokens;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()
                || value.intValue() < 1 || value.intValue() > maxNewTokensCap) {
            problems.add(new FieldProblem("max_new_tokens", "must be an integer from 1 to " + maxNewTokensCap
                    + ", was " + value));
            return defaultMaxNewTokens;
        }
        return value.intValue();
    }

    private static String customId(JsonNode value, boolean required, List<FieldProblem> problems) {
        if (value == null || value.isNull()) {
            if (required) {
                problems.add(new FieldProblem("custom_id", "is required"));
            }
            return null;
        }
        if (!value.isTextual() || value.textValue().isEmpty() || value.textValue().length() > MAX_CUSTOM_ID_CHARS) {
            problems.add(new FieldProblem("custom_id", "must be a string of 1 to " + MAX_CUSTOM_ID_CHARS
                    + " characters"));
            return null;
        }
        return value.textValue();
    }

    static Map<String, String> metadata(JsonNode value, List<FieldProblem> problems) {
        if (value == null || value.isNull()) {
            return Map.of();
        }
        String rule = "must be an object of at most " + MAX_METADATA_ENTRIES + " string values, keys of at most "
                + MAX_METADATA_KEY_CHARS + " and values of at most " + MAX_METADATA_VALUE_CHARS + " characters";
        if (!value.isObject() || value.size() > MAX_METADATA_ENTRIES) {
            problems.add(new FieldProblem("metadata", rule));
            return Map.of();
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode entry = field.getValue();
            if (key.isEmpty() || key.length() > MAX_METADATA_KEY_CHARS || !entry.isTextual()
                    || entry.textValue().length() > MAX_METADATA_VALUE_CHARS) {
                problems.add(new FieldProblem("metadata." + key, rule));
            } else {
                metadata.put(key, entry.textValue());
            }
        }
        return metadata;
    }
}
