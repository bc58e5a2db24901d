package dev.llmpipeline.core.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/** An HTTP client that sends nothing: it records each request (and its body) and answers with one fixed response. */
final class AnsweringHttpClient implements SdkHttpClient {
    /** A request as the SDK would have sent it. */
    record Sent(SdkHttpRequest request, String body) {}

    final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final int status;
    private final String body;

    AnsweringHttpClient(int status, String body) {
        this.status = status;
        this.body = body;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                String requestBody = request.contentStreamProvider().map(provider -> {
                    try {
                        return new String(provider.newStream().readAllBytes(), StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).orElse("");
                sent.add(new Sent(request.httpRequest(), requestBody));
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(status)
                                .putHeader("x-amzn-RequestId", "request-1")
                                .putHeader("Content-Type", "application/x-amz-json-1.0").build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(
                                body.getBytes(StandardCharsets.UTF_8))))
                        .build();
            }

            @Override
            public void abort() {
            }
        };
    }

    @Override
    public void close() {
    }
}
