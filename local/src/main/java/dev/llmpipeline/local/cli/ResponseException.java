package dev.llmpipeline.local.cli;

import dev.llmpipeline.local.client.PipelineClient;

/** An API answer that ends a command: the command prints it (see {@link Output}) and exits non-zero. */
final class ResponseException extends RuntimeException {
    private final transient PipelineClient.Response response;

    ResponseException(String what, PipelineClient.Response response) {
        super(what + ": HTTP " + response.status());
        this.response = response;
    }

    PipelineClient.Response response() {
        return response;
    }
}
