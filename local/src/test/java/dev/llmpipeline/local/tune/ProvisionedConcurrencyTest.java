package dev.llmpipeline.local.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetProvisionedConcurrencyConfigResponse;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyStatusEnum;

class ProvisionedConcurrencyTest {
    private static final String FUNCTION = FakeLambdaApi.FUNCTION;

    private FakeLambdaApi api;
    private LambdaClient lambda;
    private final ManualClock clock = new ManualClock();
    private ProvisionedConcurrency provisioned;

    @BeforeEach
    void startFake() throws IOException {
        api = FakeLambdaApi.start(1024, "x86_64");
        lambda = api.client();
        provisioned = new ProvisionedConcurrency(lambda, clock.poller());
    }

    @AfterEach
    void stopFake() {
        lambda.close();
        api.close();
    }

    @Test
    void setsProvisionedConcurrencyAndWaitsUntilItIsReady() {
        GetProvisionedConcurrencyConfigResponse config = provisioned.set(FUNCTION, "live", 5);

        assertThat(config.status()).isEqualTo(ProvisionedConcurrencyStatusEnum.READY);
        assertThat(config.allocatedProvisionedConcurrentExecutions()).isEqualTo(5);
        assertThat(api.provisionedConcurrency("live")).hasValue(5);
        // The first read found it IN_PROGRESS: one pause, then READY.
        assertThat(clock.pauses()).hasSize(1);
    }

    @Test
    void clearsProvisionedConcurrency() {
        provisioned.set(FUNCTION, "live", 2);

        provisioned.clear(FUNCTION, "live");

        assertThat(api.provisionedConcurrency("live")).isEmpty();
    }

    @Test
    void reportsAnAllocationThatFailed() {
        api.failProvisioning("FUNCTION_ERROR_INIT_FAILURE: the function's init phase threw");

        assertThatThrownBy(() -> provisioned.set(FUNCTION, "live", 3))
                .isInstanceOf(TuneException.class)
                .hasMessage("provisioned concurrency on " + FUNCTION + ":live is FAILED: "
                        + "FUNCTION_ERROR_INIT_FAILURE: the function's init phase threw");
    }
}
