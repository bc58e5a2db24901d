package dev.llmpipeline.core.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;

/**
 * The one JSON mapper of the project: snake_case names, nulls written (clients see every key of the job object),
 * exact integers. Configured once; an {@link ObjectMapper} is thread-safe after configuration.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // A body such as {"prompt": "a"} {"x": 1} or with a key given twice is malformed, not half-read.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Json() {
    }

    /** The shared mapper. Do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Serializes a value that is known to be serializable (records of this project, maps, lists). */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses a document.
     *
     * @throws JsonProcessingException if it is not well-formed JSON, or holds a number no {@code BigDecimal} holds
     */
    public static JsonNode parse(String text) throws JsonProcessingException {
        try {
            return MAPPER.readTree(text);
        } catch (NumberFormatException e) {
            // Jackson reports a number that no BigDecimal holds (such as 1.5e99999999999999999999) unchecked; it is
            // malformed input all the same, not a fault.
            throw new JsonParseException((JsonParser) null, "number out of range: " + e.getMessage(), e);
        }
    }
}
