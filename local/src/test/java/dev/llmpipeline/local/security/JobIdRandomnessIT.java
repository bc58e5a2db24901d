package dev.llmpipeline.local.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.local.client.PipelineClient;
import dev.llmpipeline.local.e2e.LocalStackExtension;
import dev.llmpipeline.local.e2e.Owner;
import java.math.BigInteger;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Ids cannot be guessed: the ids the API hands out are UUIDs of version 4 (random) in RFC 4122's variant, so 122 of
 * their 128 bits are random; 1,000 of them are distinct, and each of those 122 bits is set in about half of them.
 * The ids come from jobs submitted one at a time and from a batch, cancelled at once to spare the workers.
 */
@ExtendWith(LocalStackExtension.class)
class JobIdRandomnessIT {
    private static final int IDS = 1_000;
    private static final int SINGLE_JOBS = 20;
    private static final Pattern CANONICAL = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    /** Bits 48-51 hold the version and bits 64-65 the variant (counting from the most significant bit). */
    private static final List<Integer> FIXED_BITS = List.of(48, 49, 50, 51, 64, 65);

    private final PipelineClient alice;

    JobIdRandomnessIT(@Owner("alice") PipelineClient alice) {
        this.alice = alice;
    }

    @Test
    void handsOutDistinctVersion4IdsWhoseRandomBitsAreEachSetInAboutHalfOfThem() {
        List<String> ids = new ArrayList<>();
        for (int index = 0; index < SINGLE_JOBS; index++) {
            ids.add(alice.submit("Id " + index, 1, null, Optional.empty()).body().path("job_id").asText());
        }
        String batchId = upload(IDS - SINGLE_JOBS);
        // Only the ids matter: cancelled jobs end at once, and are listed among the results as well.
        assertThat(alice.cancelBatch(batchId).status()).isEqualTo(200);
        ids.addAll(jobIdsOf(batchId));

        assertThat(ids).hasSize(IDS).doesNotHaveDuplicates().allMatch(id -> CANONICAL.matcher(id).matches());
        assertThat(batchId).matches(CANONICAL);
        List<BigInteger> bits = ids.stream().map(id -> new BigInteger(id.replace("-", ""), 16)).toList();
        for (int bit = 0; bit < 128; bit++) {
            if (FIXED_BITS.contains(bit)) {
                continue;
            }
            int position = 127 - bit;
            long set = bits.stream().filter(value -> value.testBit(position)).count();
            assertThat(set).as("ids with bit %d set", bit).isBetween(350L, 650L);
        }
        Set<Long> prefixes = bits.stream().map(value -> value.shiftRight(128 - 48).longValue())
                .collect(Collectors.toSet());
        assertThat(prefixes).as("distinct first 48 bits (no clock in them)").hasSize(IDS);
    }

    /** Uploads a batch of {@code size} one-token jobs; returns its id. */
    private String upload(int size) {
        String lines = IntStream.range(0, size).mapToObj(index -> "{\"custom_id\": \"id-" + index
                + "\", \"prompt\": \"Id " + index + "\", \"max_new_tokens\": 1}").collect(Collectors.joining("\n"));
        JsonNode batch = alice.send(alice.request("/batches").timeout(Duration.ofMinutes(1))
                .header("Content-Type", "application/jsonl").POST(HttpRequest.BodyPublishers.ofString(lines))
                .build()).body();
        assertThat(batch.at("/request_counts/total").asInt()).as("batch %s", batch).isEqualTo(size);
        return batch.path("batch_id").asText();
    }

    /** The job ids of a batch, read from its results once every job has finished. */
    private List<String> jobIdsOf(String batchId) {
        Duration timeout = Duration.ofSeconds(120);
        Instant deadline = Instant.now().plus(timeout);
        // Paging starts once no job is queued or running, so that no result is being written while it pages.
        Waiting.endedBatch(alice, batchId, timeout);
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = alice.batchResults(batchId, 1_000, cursor).body();
            page.path("results").forEach(result -> ids.add(result.path("job_id").asText()));
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
            assertThat(Instant.now()).as("results of batch %s end", batchId).isBefore(deadline);
            if (page.path("results").isEmpty()) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
        } while (cursor != null);
        return ids;
    }
}
