package dev.llmpipeline.core.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.core.job.FinishReason;
import dev.llmpipeline.core.job.Generation;
import dev.llmpipeline.core.port.EndpointException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the answer shapes of the model servers we support: the Hugging Face toolkit's
 * {@code [{"generated_text": ...}]} (or, for some pipelines, one nested list per input), TGI's object with
 * {@code details}, and LMI's single {@code {"generated_text": ...}}. An answer whose count does not match the
 * prompts is an error: assigning outputs to the wrong jobs would be worse than failing.
 */
final class GenerationParser {

    private GenerationParser() {
    }

    static List<Generation> parse(JsonNode answer, int expected, int maxNewTokens) {
        List<JsonNode> items = new ArrayList<>();
        if (answer.isArray()) {
            answer.forEach(element -> items.add(element.isArray() && element.size() > 0 ? element.get(0) : element));
        } else if (answer.isObject()) {
            items.add(answer);
        }
        if (items.size() != expected) {
            throw new EndpointException(EndpointException.Kind.PERMANENT,
                    "the endpoint answered " + items.size() + " generations for " + expected + " prompts");
        }
        List<Generation> generations = new ArrayList<>(expected);
        for (JsonNode item : items) {
            generations.add(generation(item, maxNewTokens));
        }
        return generations;
    }

    private static Generation generation(JsonNode item, int maxNewTokens) {
        JsonNode text = item.path("generated_text");
        if (!text.isTextual()) {
            throw new EndpointException(EndpointException.Kind.PERMANENT,
                    "the endpoint answered without a generated_text: " + abbreviate(item.toString()));
        }
        JsonNode details = item.path("details");
        if (details.path("generated_tokens").canConvertToInt() && details.path("finish_reason").isTextual()) {
            int tokens = details.path("generated_tokens").asInt();
            String reason = details.path("finish_reason").asText();
            return new Generation(text.asText(), tokens, "length".equals(reason) ? FinishReason.LENGTH : FinishReason.STOP);
        }
        // The toolkit does not report tokens: estimate them (about four characters a token for English) and call
        // the generation cut when the estimate reaches the bound.
        int estimated = (text.asText().length() + 3) / 4;
        return new Generation(text.asText(), Math.min(estimated, maxNewTokens),
                estimated >= maxNewTokens ? FinishReason.LENGTH : FinishReason.STOP);
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
