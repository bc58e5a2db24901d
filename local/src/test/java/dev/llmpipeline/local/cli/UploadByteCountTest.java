package dev.llmpipeline.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmpipeline.local.client.CountingBodyPublisher;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadByteCountTest {

    @Test
    void countsEveryByteOfTheFileAsTheClientTakesIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("batch.jsonl");
        Files.write(file, new byte[200_000]);
        List<Long> reported = new CopyOnWriteArrayList<>();
        CountingBodyPublisher body = new CountingBodyPublisher(HttpRequest.BodyPublishers.ofFile(file), reported::add);

        long taken = takeAll(body);

        assertThat(body.contentLength()).isEqualTo(200_000);
        assertThat(taken).isEqualTo(200_000);
        assertThat(reported).isSorted().hasSizeGreaterThan(1).last().isEqualTo(200_000L);
    }

    /** Subscribes as the HTTP client does, one buffer at a time, and returns the bytes received. */
    private static long takeAll(HttpRequest.BodyPublisher body) throws Exception {
        AtomicLong received = new AtomicLong();
        CompletableFuture<Long> done = new CompletableFuture<>();
        body.subscribe(new Flow.Subscriber<ByteBuffer>() {
            private Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                this.subscription = subscription;
                subscription.request(1);
            }

            @Override
            public void onNext(ByteBuffer item) {
                received.addAndGet(item.remaining());
                subscription.request(1);
            }

            @Override
            public void onError(Throwable throwable) {
                done.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                done.complete(received.get());
            }
        });
        return done.get(10, TimeUnit.SECONDS);
    }
}
