package dev.llmpipeline.result;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AcceptEncodingTest {

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "GZIP", "gzip, deflate, br", "br;q=1.0, gzip;q=0.5", "*", "deflate, *;q=0.1",
            "x-gzip", "gzip;q=0, gzip;q=0.3", " gzip ; q=1 "})
    void acceptsGzip(String header) {
        assertThat(AcceptEncoding.acceptsGzip(header)).isTrue();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "identity", "deflate, br", "gzip;q=0", "gzip;q=0.0, *", "*;q=0", "gzip;q=abc",
            "gzip;q=2", "gzipped"})
    void refusesGzip(String header) {
        assertThat(AcceptEncoding.acceptsGzip(header)).isFalse();
    }
}
