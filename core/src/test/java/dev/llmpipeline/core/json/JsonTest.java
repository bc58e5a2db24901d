package dev.llmpipeline.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void parsesAnObject() throws Exception {
        JsonNode node = Json.parse("{\"prompt\": \"hello\", \"max_new_tokens\": 12}");

        assertThat(node.get("prompt").asText()).isEqualTo("hello");
        assertThat(node.get("max_new_tokens").intValue()).isEqualTo(12);
    }

    @Test
    void rejectsASecondDocumentAfterTheFirst() {
        assertThatThrownBy(() -> Json.parse("{\"prompt\": \"a\"} {\"x\": 1}"))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void rejectsTrailingGarbage() {
        assertThatThrownBy(() -> Json.parse("{\"prompt\": \"a\"}]"))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void rejectsAKeyGivenTwice() {
        assertThatThrownBy(() -> Json.parse("{\"prompt\": \"a\", \"prompt\": \"b\"}"))
                .isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("prompt");
    }

    @Test
    void rejectsAKeyGivenTwiceInANestedObject() {
        assertThatThrownBy(() -> Json.parse("{\"metadata\": {\"k\": \"1\", \"k\": \"2\"}}"))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void rejectsANumberThatNoDecimalHoldsAsMalformed() {
        assertThatThrownBy(() -> Json.parse("{\"max_new_tokens\": 1.5e99999999999999999999}"))
                .isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("number out of range");
    }

    @Test
    void rejectsNestingDeeperThanTheParsersLimit() {
        assertThatThrownBy(() -> Json.parse("[".repeat(1_001) + "]".repeat(1_001)))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void keepsDecimalsExactSoThatTheyAreNotMistakenForIntegers() throws Exception {
        JsonNode node = Json.parse("{\"max_new_tokens\": 12.5}");

        assertThat(node.get("max_new_tokens").isIntegralNumber()).isFalse();
        assertThat(node.get("max_new_tokens").decimalValue()).isEqualByComparingTo("12.5");
    }

    @Test
    void writesRecordComponentsInSnakeCase() {
        record Sample(String jobId, int maxNewTokens) {}

        assertThat(Json.write(new Sample("j", 3))).isEqualTo("{\"job_id\":\"j\",\"max_new_tokens\":3}");
    }

    @Test
    void writesNulls() {
        Map<String, Object> body = new HashMap<>();
        body.put("output", null);

        assertThat(Json.write(body)).isEqualTo("{\"output\":null}");
    }
}
