package dev.llmpipeline.core.job;

import java.util.Objects;

/** What the model generated for one prompt. */
public record Generation(String text, int generatedTokens, FinishReason finishReason) {
    public Generation {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(finishReason, "finishReason");
        if (generatedTokens < 0) {
            throw new IllegalArgumentException("generatedTokens must not be negative");
        }
    }
}
