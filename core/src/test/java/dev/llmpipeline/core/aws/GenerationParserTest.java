package dev.llmpipeline.core.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.core.job.FinishReason;
import dev.llmpipeline.core.job.Generation;
import dev.llmpipeline.core.json.Json;
import dev.llmpipeline.core.port.EndpointException;
import java.util.List;
import org.junit.jupiter.api.Test;

class GenerationParserTest {

    @Test
    void readsTheHuggingFaceListInPromptOrder() throws Exception {
        JsonNode answer = Json.parse("[{\"generated_text\": \"Guten Morgen\"}, {\"generated_text\": \"Bonjour\"}]");

        List<Generation> generations = GenerationParser.parse(answer, 2, 128);

        assertThat(generations).extracting(Generation::text).containsExactly("Guten Morgen", "Bonjour");
    }

    @Test
    void readsOneNestedListPerInput() throws Exception {
        JsonNode answer = Json.parse("[[{\"generated_text\": \"first\"}], [{\"generated_text\": \"second\"}]]");

        List<Generation> generations = GenerationParser.parse(answer, 2, 128);

        assertThat(generations).extracting(Generation::text).containsExactly("first", "second");
    }

    @Test
    void readsASingleObject() throws Exception {
        JsonNode answer = Json.parse("{\"generated_text\": \"only one\"}");

        List<Generation> generations = GenerationParser.parse(answer, 1, 128);

        assertThat(generations).extracting(Generation::text).containsExactly("only one");
    }

    @Test
    void takesTokensAndFinishReasonFromTgiDetails() throws Exception {
        JsonNode answer = Json.parse("{\"generated_text\": \"a b c\", \"details\": "
                + "{\"finish_reason\": \"length\", \"generated_tokens\": 16, \"seed\": null}}");

        Generation generation = GenerationParser.parse(answer, 1, 16).get(0);

        assertThat(generation).isEqualTo(new Generation("a b c", 16, FinishReason.LENGTH));
    }

    @Test
    void treatsAnEndOfSequenceInTgiDetailsAsStop() throws Exception {
        JsonNode answer = Json.parse("[{\"generated_text\": \"done\", \"details\": "
                + "{\"finish_reason\": \"eos_token\", \"generated_tokens\": 3}}]");

        Generation generation = GenerationParser.parse(answer, 1, 128).get(0);

        assertThat(generation.generatedTokens()).isEqualTo(3);
        assertThat(generation.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void estimatesTokensWhenTheServerDoesNotReportThem() throws Exception {
        JsonNode answer = Json.parse("[{\"generated_text\": \"" + "x".repeat(40) + "\"}]");

        Generation generous = GenerationParser.parse(answer, 1, 128).get(0);
        Generation bounded = GenerationParser.parse(answer, 1, 10).get(0);

        assertThat(generous.generatedTokens()).isEqualTo(10);
        assertThat(generous.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(bounded.generatedTokens()).isEqualTo(10);
        assertThat(bounded.finishReason()).isEqualTo(FinishReason.LENGTH);
    }

    @Test
    void refusesAnAnswerWithFewerGenerationsThanPrompts() throws Exception {
        JsonNode answer = Json.parse("[{\"generated_text\": \"one\"}]");

        assertThatThrownBy(() -> GenerationParser.parse(answer, 2, 128))
                .isInstanceOfSatisfying(EndpointException.class,
                        error -> assertThat(error.kind()).isEqualTo(EndpointException.Kind.PERMANENT))
                .hasMessageContaining("1 generations for 2 prompts");
    }

    @Test
    void refusesAnAnswerWithMoreGenerationsThanPrompts() throws Exception {
        JsonNode answer = Json.parse("[{\"generated_text\": \"a\"}, {\"generated_text\": \"b\"}]");

        assertThatThrownBy(() -> GenerationParser.parse(answer, 1, 128))
                .isInstanceOfSatisfying(EndpointException.class,
                        error -> assertThat(error.kind()).isEqualTo(EndpointException.Kind.PERMANENT));
    }

    @Test
    void refusesAGenerationWithoutGeneratedText() throws Exception {
        JsonNode answer = Json.parse("[{\"generated_text\": \"fine\"}, {\"text\": \"wrong key\"}]");

        assertThatThrownBy(() -> GenerationParser.parse(answer, 2, 128))
                .isInstanceOfSatisfying(EndpointException.class,
                        error -> assertThat(error.kind()).isEqualTo(EndpointException.Kind.PERMANENT))
                .hasMessageContaining("generated_text");
    }

    @Test
    void refusesAScalarAnswer() throws Exception {
        JsonNode answer = Json.parse("\"just text\"");

        assertThatThrownBy(() -> GenerationParser.parse(answer, 1, 128))
                .isInstanceOfSatisfying(EndpointException.class,
                        error -> assertThat(error.kind()).isEqualTo(EndpointException.Kind.PERMANENT));
    }
}
