package dev.llmpipeline.local.tune;

import java.time.Duration;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetProvisionedConcurrencyConfigResponse;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyStatusEnum;

/**
 * Sets or clears provisioned concurrency on an alias or a version ({@code $LATEST} cannot have any). Setting it
 * waits until Lambda has allocated the environments ({@code READY}), since until then invocations still meet cold
 * starts. https://docs.aws.amazon.com/lambda/latest/dg/provisioned-concurrency.html
 */
public final class ProvisionedConcurrency {
    // Allocation runs its init code in every environment: minutes for hundreds of them.
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(15);

    private final LambdaClient lambda;
    private final Poller poller;

    public ProvisionedConcurrency(LambdaClient lambda, Poller poller) {
        this.lambda = lambda;
        this.poller = poller;
    }

    /**
     * Asks for this many provisioned environments on the qualifier and waits until they are ready.
     *
     * @return the configuration once {@code READY}
     * @throws TuneException if the allocation fails or is not ready in time
     */
    public GetProvisionedConcurrencyConfigResponse set(String function, String qualifier, int executions) {
        lambda.putProvisionedConcurrencyConfig(request -> request.functionName(function).qualifier(qualifier)
                .provisionedConcurrentExecutions(executions));
        GetProvisionedConcurrencyConfigResponse config = poller.until(
                "provisioned concurrency on " + function + ":" + qualifier, READY_TIMEOUT,
                () -> lambda.getProvisionedConcurrencyConfig(request -> request.functionName(function)
                        .qualifier(qualifier)),
                state -> state.status() != ProvisionedConcurrencyStatusEnum.IN_PROGRESS);
        if (config.status() != ProvisionedConcurrencyStatusEnum.READY) {
            throw new TuneException("provisioned concurrency on " + function + ":" + qualifier + " is "
                    + config.statusAsString() + (config.statusReason() == null ? "" : ": " + config.statusReason()));
        }
        return config;
    }

    /** Removes the qualifier's provisioned concurrency; its environments are released. */
    public void clear(String function, String qualifier) {
        lambda.deleteProvisionedConcurrencyConfig(request -> request.functionName(function).qualifier(qualifier));
    }
}
