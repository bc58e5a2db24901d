package dev.llmpipeline.core.aws;

/** How the endpoint's model server wants its prompts. */
public enum EndpointProtocol {
    /**
     * The Hugging Face inference toolkit: one call with a list of inputs. It batches on the GPU only when
     * {@code batch_size} is passed with the parameters; otherwise it runs the list one prompt at a time.
     */
    HF_BATCH("hf-batch"),
    /** Servers that batch on their own (TGI, LMI): one concurrent call per prompt. */
    PER_PROMPT("per-prompt");

    private final String configName;

    EndpointProtocol(String configName) {
        this.configName = configName;
    }

    /** The value of {@code ENDPOINT_PROTOCOL}. */
    @Override
    public String toString() {
        return configName;
    }
}
