package dev.llmpipeline.local.cli;

import dev.llmpipeline.local.client.PipelineClient;
import java.time.Duration;
import java.time.Instant;

/** Follows a job with long polls ({@code ?wait=20}) until it ends or the time is up. */
final class Waiting {
    private static final int LONG_POLL_SECONDS = 20;

    private Waiting() {
    }

    static PipelineClient.Response untilTerminal(PipelineClient api, String jobId, int timeoutSeconds) {
        Instant deadline = Instant.now().plusSeconds(timeoutSeconds);
        while (true) {
            long left = Duration.between(Instant.now(), deadline).toSeconds();
            PipelineClient.Response response = api.job(jobId, (int) Math.max(0, Math.min(LONG_POLL_SECONDS, left)));
            String status = response.body().path("status").asText();
            boolean terminal = status.equals("succeeded") || status.equals("failed") || status.equals("cancelled");
            if (!response.ok() || terminal || left <= 0) {
                return response;
            }
        }
    }
}
