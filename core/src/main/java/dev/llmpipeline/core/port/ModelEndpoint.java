package dev.llmpipeline.core.port;

import dev.llmpipeline.core.job.Generation;
import dev.llmpipeline.core.job.GenerationParams;
import java.time.Duration;
import java.util.List;

/** The model: greedy, bounded generation for a micro-batch of prompts. Implementations are thread-safe. */
public interface ModelEndpoint {

    /**
     * Generates one output per prompt, in the prompts' order, with greedy decoding and at most
     * {@code params.maxNewTokens()} new tokens each.
     *
     * @param timeout how long the call may take; a call cut short fails as {@link EndpointException.Kind#TIMEOUT}
     * @throws EndpointException when the call fails; its {@link EndpointException#kind()} says whether to retry
     */
    List<Generation> generate(List<String> prompts, GenerationParams params, Duration timeout);
}
