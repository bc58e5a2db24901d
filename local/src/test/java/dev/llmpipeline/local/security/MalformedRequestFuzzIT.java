package dev.llmpipeline.local.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmpipeline.local.client.PipelineClient.Response;
import dev.llmpipeline.local.e2e.LocalStackExtension;
import dev.llmpipeline.local.e2e.StackProbe;
import dev.llmpipeline.local.openapi.ApiContract;
import dev.llmpipeline.local.stack.LocalStack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hundreds of malformed requests, drawn from a seeded {@link Random} (set {@code -Dfuzz.seed=N} to replay a failure):
 * every one is refused with a 4xx in the API's error shape, never a 5xx, and none leaves anything behind: the table
 * holds as many items as before, the queue stays empty and the endpoint is never called.
 */
@ExtendWith(LocalStackExtension.class)
class MalformedRequestFuzzIT {
    private static final long DEFAULT_SEED = 20261204L;
    private static final int REQUESTS = 350;

    private final LocalStack stack;
    private final StackProbe probe;
    private final ApiContract contract = ApiContract.load();

    MalformedRequestFuzzIT(LocalStack stack) {
        this.stack = stack;
        this.probe = new StackProbe(stack);
    }

    @Test
    void refusesEveryMalformedRequestWithoutAFaultAndStoresNothing() {
        long seed = Long.getLong("fuzz.seed", DEFAULT_SEED);
        List<MalformedRequests.Case> cases = new MalformedRequests(new Random(seed),
                LocalStackExtension.tokenOf("alice")).draw(REQUESTS);
        RawHttp http = new RawHttp(stack.apiUrl());
        // Whatever earlier tests left running finishes first, so that anything arriving later is ours.
        probe.awaitJobsQueueEmpty(Duration.ofSeconds(60));
        int itemsBefore = probe.jobsTableItemCount();
        Instant start = Instant.now();

        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (MalformedRequests.Case fuzz : cases) {
            Response response = http.send(fuzz.method(), fuzz.target(), fuzz.headers(), fuzz.body());
            statuses.merge(response.status(), 1, Integer::sum);
            String problem = problemWith(fuzz, response);
            if (problem != null) {
                failures.add(fuzz + " -> " + response.status() + " " + RawHttp.abbreviate(response.body().toString())
                        + ": " + problem);
            }
        }

        assertThat(cases).hasSizeGreaterThanOrEqualTo(300);
        assertThat(failures).as("seed %d; statuses %s", seed, statuses).isEmpty();
        assertThat(probe.jobsTableItemCount()).as("jobs table items after the fuzz (seed %d)", seed)
                .isEqualTo(itemsBefore);
        assertThat(stack.queueDepth("JobsQueue")).as("messages in the jobs queue (seed %d)", seed).isZero();
        assertThat(probe.callsSince(start)).as("endpoint calls during the fuzz (seed %d)", seed).isEmpty();
    }

    /** What is wrong with the answer to a malformed request, or null. */
    private String problemWith(MalformedRequests.Case fuzz, Response response) {
        if (response.status() >= 500) {
            return "a fault";
        }
        if (!fuzz.expected().contains(response.status())) {
            return "expected one of " + fuzz.expected();
        }
        String contentType = response.headers().getOrDefault("content-type", "");
        if (contentType.startsWith("application/json")) {
            List<String> violations = contract.violationsOf("Error", response.body());
            return violations.isEmpty() ? null : "not the error shape: " + violations;
        }
        // Only the JDK's HTTP server, refusing a request line it cannot parse, answers without JSON.
        return response.status() == 400 || response.status() == 404 ? null : "an answer that is not JSON";
    }
}
