package dev.llmpipeline.local.endpoint;

/**
 * How long one model-server call takes: a fixed overhead, a prefill that grows with the padded batch
 * ({@code B * L} tokens) and a decode loop of {@code N} steps whose cost grows slightly with the batch.
 *
 * <pre>T = fixed + (prefillBase + prefillPerToken * B * L) + N * (decodePerToken + decodePerTokenPerItem * B)</pre>
 *
 * <p>Values are milliseconds at time scale 1. {@code jitter} is the relative spread the emulator applies
 * around {@code T} (0.05 means plus or minus 5%); {@link #expectedMillis} never includes it.
 * Immutable and thread-safe.
 *
 * @param fixedMs                 per-call overhead (HTTP, deserialisation, tokenisation)
 * @param prefillBaseMs           cost of one prefill step regardless of length
 * @param prefillPerTokenMs       prefill cost per input token of the padded batch
 * @param decodePerTokenMs        cost of one decode step for a batch of one
 * @param decodePerTokenPerItemMs extra cost of one decode step per item of the batch
 * @param jitter                  relative spread in [0, 1)
 */
public record LatencyModel(double fixedMs, double prefillBaseMs, double prefillPerTokenMs, double decodePerTokenMs,
        double decodePerTokenPerItemMs, double jitter) {

    /** Validates that every cost is finite and non-negative and that the jitter is in [0, 1). */
    public LatencyModel {
        requireCost("fixedMs", fixedMs);
        requireCost("prefillBaseMs", prefillBaseMs);
        requireCost("prefillPerTokenMs", prefillPerTokenMs);
        requireCost("decodePerTokenMs", decodePerTokenMs);
        requireCost("decodePerTokenPerItemMs", decodePerTokenPerItemMs);
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("jitter must be in [0, 1), was " + jitter);
        }
    }

    /**
     * A Hugging Face container serving a ~750M-parameter seq2seq model in fp32 on one NVIDIA T4,
     * the default of the design brief: 15 ms fixed, 8 ms + 0.15 ms per padded input token of prefill,
     * 22 ms + 0.1 ms per batch item for each decode step, 5% jitter.
     *
     * @return the default model
     */
    public static LatencyModel t4Seq2Seq() {
        return new LatencyModel(15, 8, 0.15, 22, 0.1, 0.05);
    }

    /**
     * The expected duration of one call, without jitter and at time scale 1.
     *
     * @param batchSize   prompts decoded together (B), at least 1
     * @param inputTokens tokens of the longest prompt (L), since the batch is padded to it
     * @param newTokens   decode steps (N): the most tokens any member of the batch generated
     * @return milliseconds
     */
    public double expectedMillis(int batchSize, int inputTokens, int newTokens) {
        if (batchSize < 1 || inputTokens < 0 || newTokens < 0) {
            throw new IllegalArgumentException("need batchSize >= 1, inputTokens >= 0, newTokens >= 0, was "
                    + batchSize + ", " + inputTokens + ", " + newTokens);
        }
        double prefill = prefillBaseMs + prefillPerTokenMs * batchSize * inputTokens;
        double decode = newTokens * (decodePerTokenMs + decodePerTokenPerItemMs * batchSize);
        return fixedMs + prefill + decode;
    }

    /**
     * The physical throughput limit of an endpoint: every instance busy all the time with full batches.
     *
     * @param instances   endpoint instances, each serving one call at a time
     * @param batchSize   prompts per call (B)
     * @param inputTokens tokens of the longest prompt of a call (L)
     * @param newTokens   decode steps per call (N)
     * @return jobs per second, at time scale 1
     */
    public double capacityJobsPerSecond(int instances, int batchSize, int inputTokens, int newTokens) {
        if (instances < 1) {
            throw new IllegalArgumentException("instances must be at least 1, was " + instances);
        }
        return instances * batchSize / (expectedMillis(batchSize, inputTokens, newTokens) / 1000.0);
    }

    /**
     * Approximate token count of a text, about four characters a token as for English with a BPE or
     * SentencePiece vocabulary; at least 1, since even an empty prompt costs a start token.
     *
     * @param text the prompt
     * @return tokens, rounded up
     */
    public static int tokensOf(String text) {
        return Math.max(1, (text.length() + 3) / 4);
    }

    private static void requireCost(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, was " + value);
        }
    }
}
