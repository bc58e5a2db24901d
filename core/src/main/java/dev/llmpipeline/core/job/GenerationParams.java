package dev.llmpipeline.core.job;

/**
 * How to generate. Decoding is always greedy ({@code do_sample: false}) and bounded by {@code maxNewTokens}:
 * the pipeline refuses sampling so that outputs are deterministic and model time is predictable.
 */
public record GenerationParams(int maxNewTokens) {
    public GenerationParams {
        if (maxNewTokens < 1) {
            throw new IllegalArgumentException("maxNewTokens must be at least 1, was " + maxNewTokens);
        }
    }
}
