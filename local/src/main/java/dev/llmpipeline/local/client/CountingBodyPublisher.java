package dev.llmpipeline.local.client;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * A request body that reports how many bytes it has handed to the HTTP client so far, for an upload progress bar.
 * The count is what the client has taken, a little ahead of what the network has sent; the client takes buffers
 * only as fast as it can write them, so the two stay close. The listener runs on the client's threads.
 */
public final class CountingBodyPublisher implements HttpRequest.BodyPublisher {
    private final HttpRequest.BodyPublisher body;
    private final LongConsumer onBytesSent;

    /**
     * @param body        the body to send
     * @param onBytesSent called with the running total of bytes taken, after each buffer
     */
    public CountingBodyPublisher(HttpRequest.BodyPublisher body, LongConsumer onBytesSent) {
        this.body = body;
        this.onBytesSent = onBytesSent;
    }

    @Override
    public long contentLength() {
        return body.contentLength();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        // A retried request subscribes again and sends from the start, so each subscription counts from zero.
        AtomicLong sent = new AtomicLong();
        body.subscribe(new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscriber.onSubscribe(subscription);
            }

            @Override
            public void onNext(ByteBuffer item) {
                long total = sent.addAndGet(item.remaining());
                subscriber.onNext(item);
                onBytesSent.accept(total);
            }

            @Override
            public void onError(Throwable throwable) {
                subscriber.onError(throwable);
            }

            @Override
            public void onComplete() {
                subscriber.onComplete();
            }
        });
    }
}
