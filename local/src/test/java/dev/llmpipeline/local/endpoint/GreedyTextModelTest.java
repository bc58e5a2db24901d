package dev.llmpipeline.local.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GreedyTextModelTest {

    private final GreedyTextModel model = new GreedyTextModel();

    @Test
    void greedyOutputDependsOnlyOnThePrompt() {
        assertThat(model.greedy("Why is the sky blue?", 50)).isEqualTo(model.greedy("Why is the sky blue?", 50));
        assertThat(model.greedy("Why is the sky blue?", 50)).isNotEqualTo(model.greedy("Why is grass green?", 50));
    }

    @Test
    void cutsAtExactlyMaxNewTokensWithFinishReasonLength() {
        GreedyTextModel.Generation generation = model.greedy("Summarise the French revolution.", 3);

        assertThat(generation.tokens()).isEqualTo(3);
        assertThat(generation.text().split(" ")).hasSize(3);
        assertThat(generation.finishReason()).isEqualTo("length");
    }

    @Test
    void stopsOnItsOwnWithinTheNaturalLengthRange() {
        IntStream.range(0, 200).mapToObj(i -> model.greedy("prompt number " + i, 1000)).forEach(generation -> {
            assertThat(generation.finishReason()).isEqualTo("stop");
            assertThat(generation.tokens()).isBetween(GreedyTextModel.MIN_TOKENS, GreedyTextModel.MAX_TOKENS);
            assertThat(generation.text().split(" ")).hasSize(generation.tokens());
            assertThat(generation.text()).endsWith(".");
        });
    }

    @Test
    void aLongerBudgetExtendsTheSameText() {
        GreedyTextModel.Generation longer = model.greedy("Explain photosynthesis to a child.", 1000);
        GreedyTextModel.Generation cut = model.greedy("Explain photosynthesis to a child.", 5);

        assertThat(longer.text()).startsWith(cut.text() + " ");
    }

    @Test
    void borrowsWordsFromThePrompt() {
        GreedyTextModel.Generation generation = model.greedy("Describe photosynthesis chlorophyll sunlight", 200);

        assertThat(generation.text().toLowerCase()).containsAnyOf("photosynthesis", "chlorophyll", "sunlight");
    }

    @Test
    void samplingVariesWithTheSeed() {
        Set<String> outputs = new HashSet<>();
        for (long seed = 0; seed < 10; seed++) {
            outputs.add(model.sampled("Tell me a story.", 200, seed).text());
        }

        assertThat(outputs).hasSizeGreaterThan(1);
        assertThat(model.sampled("Tell me a story.", 200, 3)).isEqualTo(model.sampled("Tell me a story.", 200, 3));
    }
}
