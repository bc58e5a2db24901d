package dev.llmpipeline.core.aws;

import java.util.function.Supplier;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * An HTTP client that may still be in the making when the SDK clients are built. Building the url-connection client
 * takes a good share of a cold start (it loads the JDK's trust store into a TLS context), while an SDK client needs
 * its HTTP client only when it sends its first request; so both can be built at the same time. Thread-safe.
 */
final class DeferredHttpClient implements SdkHttpClient {
    private final Supplier<SdkHttpClient> client;
    private final String name;

    /**
     * @param client waits for the real client (and rethrows what failed its build)
     * @param name   the real client's {@link SdkHttpClient#clientName() name}, which the SDK asks for when it builds a
     *               client, for its user agent
     */
    DeferredHttpClient(Supplier<SdkHttpClient> client, String name) {
        this.client = client;
        this.name = name;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return client.get().prepareRequest(request);
    }

    @Override
    public String clientName() {
        return name;
    }

    @Override
    public void close() {
        client.get().close();
    }
}
