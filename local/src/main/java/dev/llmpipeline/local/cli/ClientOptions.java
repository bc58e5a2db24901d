package dev.llmpipeline.local.cli;

import dev.llmpipeline.local.client.PipelineClient;
import dev.llmpipeline.local.stack.LocalStackSettings;
import java.net.URI;
import picocli.CommandLine.Option;

/** {@code --url} and {@code --token}: the local stack by default, a deployed API when given. */
final class ClientOptions {
    @Option(names = "--url", defaultValue = "${env:PIPELINE_URL:-http://127.0.0.1:3000}",
            description = "API base URL (default: ${DEFAULT-VALUE}; env PIPELINE_URL)")
    URI url;

    @Option(names = "--token", defaultValue = "${env:PIPELINE_TOKEN:-" + LocalStackSettings.DEFAULT_TOKEN + "}",
            description = "bearer token (default: the local token; env PIPELINE_TOKEN)")
    String token;

    PipelineClient client() {
        return new PipelineClient(url, token);
    }
}
