package dev.llmpipeline.worker;

import dev.llmpipeline.core.job.Generation;

/** What became of one claimed job in the endpoint. */
sealed interface Outcome {

    ClaimedJob claimed();

    /** The model generated an output, in a call of {@code batchSize} prompts that took {@code modelMillis}. */
    record Generated(ClaimedJob claimed, Generation generation, long modelMillis, int batchSize) implements Outcome {}

    /** The model refused this prompt alone: the job fails for good with the endpoint's message. */
    record Refused(ClaimedJob claimed, String message) implements Outcome {}

    /**
     * No result this time: deliver it again.
     *
     * @param outOfTime whether the generation could not finish in the time the invocation had (rather than failing)
     */
    record Unfinished(ClaimedJob claimed, String reason, boolean outOfTime) implements Outcome {}
}
