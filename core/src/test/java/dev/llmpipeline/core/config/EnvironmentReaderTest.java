package dev.llmpipeline.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmpipeline.core.aws.EndpointProtocol;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentReaderTest {

    @Test
    void readsARequiredVariableTrimmed() {
        EnvironmentReader env = new EnvironmentReader(Map.of("JOBS_TABLE", "  jobs  "));

        assertThat(env.required("JOBS_TABLE")).isEqualTo("jobs");
        assertThatCode(env::validate).doesNotThrowAnyException();
    }

    @Test
    void reportsAMissingOrBlankRequiredVariable() {
        EnvironmentReader env = new EnvironmentReader(Map.of("JOBS_QUEUE_URL", "   "));

        env.required("JOBS_TABLE");
        env.required("JOBS_QUEUE_URL");

        assertThatThrownBy(env::validate).isInstanceOf(ConfigException.class)
                .hasMessageContaining("JOBS_TABLE is required")
                .hasMessageContaining("JOBS_QUEUE_URL is required");
    }

    @Test
    void usesTheFallbackForAnAbsentInteger() {
        EnvironmentReader env = new EnvironmentReader(Map.of());

        assertThat(env.integer("MICRO_BATCH_SIZE", 8, 1, 256)).isEqualTo(8);
        assertThatCode(env::validate).doesNotThrowAnyException();
    }

    @Test
    void acceptsIntegersAtBothEndsOfTheRange() {
        EnvironmentReader env = new EnvironmentReader(Map.of("LOW", "1", "HIGH", "256"));

        assertThat(env.integer("LOW", 8, 1, 256)).isEqualTo(1);
        assertThat(env.integer("HIGH", 8, 1, 256)).isEqualTo(256);
        assertThatCode(env::validate).doesNotThrowAnyException();
    }

    @Test
    void reportsAnIntegerOutOfRangeWithTheRangeAndTheValue() {
        EnvironmentReader env = new EnvironmentReader(Map.of("MICRO_BATCH_SIZE", "257"));

        env.integer("MICRO_BATCH_SIZE", 8, 1, 256);

        assertThatThrownBy(env::validate).hasMessageContaining("MICRO_BATCH_SIZE must be between 1 and 256, was 257");
    }

    @Test
    void reportsAValueThatIsNotAnInteger() {
        EnvironmentReader env = new EnvironmentReader(Map.of("MICRO_BATCH_SIZE", "eight"));

        env.integer("MICRO_BATCH_SIZE", 8, 1, 256);

        assertThatThrownBy(env::validate).hasMessageContaining("MICRO_BATCH_SIZE must be an integer, was 'eight'");
    }

    @Test
    void readsAnHttpUri() {
        EnvironmentReader env = new EnvironmentReader(Map.of("AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:9324"));

        assertThat(env.uri("AWS_ENDPOINT_URL_SQS")).contains(URI.create("http://127.0.0.1:9324"));
        assertThat(env.uri("AWS_ENDPOINT_URL_DYNAMODB")).isEmpty();
        assertThatCode(env::validate).doesNotThrowAnyException();
    }

    @Test
    void reportsAUriThatIsNotAnAbsoluteHttpUrl() {
        EnvironmentReader env = new EnvironmentReader(Map.of(
                "NO_SCHEME", "localhost:8000", "FTP", "ftp://example.com/", "BROKEN", "http://exa mple.com"));

        env.uri("NO_SCHEME");
        env.uri("FTP");
        env.uri("BROKEN");

        assertThatThrownBy(env::validate)
                .hasMessageContaining("NO_SCHEME must be an http(s) URL")
                .hasMessageContaining("FTP must be an http(s) URL")
                .hasMessageContaining("BROKEN must be an http(s) URL");
    }

    @Test
    void refusesASchemeThatOnlyBeginsLikeHttp() {
        EnvironmentReader env = new EnvironmentReader(Map.of("AWS_ENDPOINT_URL_SQS", "httpss://127.0.0.1:9324"));

        env.uri("AWS_ENDPOINT_URL_SQS");

        assertThatThrownBy(env::validate).hasMessageContaining("AWS_ENDPOINT_URL_SQS must be an http(s) URL");
    }

    @Test
    void acceptsAnUppercaseHttpScheme() {
        // URI schemes are case-insensitive (RFC 3986, section 3.1).
        EnvironmentReader env = new EnvironmentReader(Map.of("AWS_ENDPOINT_URL_SQS", "HTTP://127.0.0.1:9324"));

        assertThat(env.uri("AWS_ENDPOINT_URL_SQS")).isPresent();
        assertThatCode(env::validate).doesNotThrowAnyException();
    }

    @Test
    void readsAChoiceByItsConfigNameIgnoringCase() {
        EnvironmentReader env = new EnvironmentReader(Map.of("ENDPOINT_PROTOCOL", "PER-PROMPT"));

        assertThat(env.choice("ENDPOINT_PROTOCOL", EndpointProtocol.class, EndpointProtocol.HF_BATCH))
                .isEqualTo(EndpointProtocol.PER_PROMPT);
        assertThat(env.choice("ABSENT", EndpointProtocol.class, EndpointProtocol.HF_BATCH))
                .isEqualTo(EndpointProtocol.HF_BATCH);
    }

    @Test
    void reportsAnUnknownChoiceListingTheAllowedValues() {
        EnvironmentReader env = new EnvironmentReader(Map.of("ENDPOINT_PROTOCOL", "tgi"));

        env.choice("ENDPOINT_PROTOCOL", EndpointProtocol.class, EndpointProtocol.HF_BATCH);

        assertThatThrownBy(env::validate)
                .hasMessageContaining("ENDPOINT_PROTOCOL must be one of [hf-batch, per-prompt], was 'tgi'");
    }

    @Test
    void reportsEveryProblemTogether() {
        EnvironmentReader env = new EnvironmentReader(Map.of(
                "MICRO_BATCH_SIZE", "0", "AWS_ENDPOINT_URL", "nowhere", "ENDPOINT_PROTOCOL", "grpc"));

        env.required("JOBS_TABLE");
        env.integer("MICRO_BATCH_SIZE", 8, 1, 256);
        env.uri("AWS_ENDPOINT_URL");
        env.choice("ENDPOINT_PROTOCOL", EndpointProtocol.class, EndpointProtocol.HF_BATCH);
        env.problem("DEFAULT_MAX_NEW_TOKENS (600) must not exceed MAX_NEW_TOKENS_CAP (512)");

        assertThatThrownBy(env::validate).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("invalid configuration: ")
                .hasMessageContaining("JOBS_TABLE")
                .hasMessageContaining("MICRO_BATCH_SIZE")
                .hasMessageContaining("AWS_ENDPOINT_URL")
                .hasMessageContaining("ENDPOINT_PROTOCOL")
                .hasMessageContaining("DEFAULT_MAX_NEW_TOKENS");
    }
}
