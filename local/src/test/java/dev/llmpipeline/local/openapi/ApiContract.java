package dev.llmpipeline.local.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.core.http.ErrorCode;
import dev.llmpipeline.core.json.Json;
import dev.llmpipeline.local.client.PipelineClient.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The repository's {@code openapi.yaml}, read to hold the implementation to it: which routes exist, which statuses
 * each may answer, and whether an answer's status, content type, headers and body are what the spec says for its
 * route. Immutable and thread-safe.
 */
public final class ApiContract {
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

    private final JsonNode document;
    private final SchemaChecker checker;

    private ApiContract(JsonNode document) {
        this.document = document;
        this.checker = new SchemaChecker(document);
    }

    /** Reads {@code openapi.yaml} at the repository root ({@code -Dpipeline.home}, else a parent directory). */
    public static ApiContract load() {
        Path path = specPath();
        try {
            Object yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(path));
            return new ApiContract(Json.mapper().valueToTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** Every route of the spec as an API Gateway route key, such as {@code "GET /jobs/{id}"}. */
    public Set<String> routeKeys() {
        Set<String> keys = new TreeSet<>();
        document.path("paths").properties().forEach(path -> path.getValue().fieldNames().forEachRemaining(name -> {
            if (METHODS.contains(name)) {
                keys.add(name.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        return keys;
    }

    /** The statuses the spec lists for a route. */
    public Set<Integer> statuses(String routeKey) {
        Set<Integer> statuses = new TreeSet<>();
        operation(routeKey).path("responses").fieldNames().forEachRemaining(status -> statuses.add(
                Integer.parseInt(status)));
        return statuses;
    }

    /** Whether the route needs a bearer token: its own {@code security}, else the document's, names a scheme. */
    public boolean requiresBearer(String routeKey) {
        JsonNode operation = operation(routeKey);
        JsonNode security = operation.has("security") ? operation.get("security") : document.path("security");
        for (JsonNode requirement : security) {
            if (requirement.has("bearerJwt")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks an answer of {@code routeKey} against the spec: the status is one it lists for the route, the content
     * type one it lists for that status, every required header present and every header the spec describes valid,
     * the body valid against the schema, and an error's code the one of its status.
     */
    public void assertConforms(String routeKey, Response response) {
        String what = routeKey + " answered " + response.status() + " " + response.body();
        JsonNode responses = operation(routeKey).path("responses");
        assertThat(statuses(routeKey)).as("statuses the spec lists for %s", what).contains(response.status());
        JsonNode declared = resolve(responses.get(Integer.toString(response.status())));
        String mediaType = Optional.ofNullable(response.headers().get("content-type"))
                .map(value -> value.split(";", 2)[0].trim().toLowerCase(Locale.ROOT)).orElse("");
        assertThat(fieldNames(declared.path("content"))).as("content types of %s", what).contains(mediaType);
        assertThat(checker.violations(declared.path("content").path(mediaType).path("schema"), response.body()))
                .as("body of %s", what).isEmpty();
        declared.path("headers").properties().forEach(header -> {
            JsonNode spec = resolve(header.getValue());
            String value = response.headers().get(header.getKey().toLowerCase(Locale.ROOT));
            if (spec.path("required").asBoolean(false)) {
                assertThat(value).as("header %s of %s", header.getKey(), what).isNotNull();
            }
            if (value != null) {
                assertThat(checker.violations(spec.path("schema"), headerValue(spec.path("schema"), value)))
                        .as("header %s: %s of %s", header.getKey(), value, what).isEmpty();
            }
        });
        JsonNode code = response.body().path("error").path("code");
        if (code.isTextual()) {
            assertThat(Arrays.stream(ErrorCode.values()).filter(error -> error.wireName().equals(code.asText()))
                    .map(ErrorCode::status).toList()).as("status of error code %s in %s", code, what)
                    .containsExactly(response.status());
        }
    }

    /** What breaks the named schema of {@code components/schemas} in {@code value}; empty when it conforms. */
    public List<String> violationsOf(String schemaName, JsonNode value) {
        return checker.violations(document.path("components").path("schemas").path(schemaName), value);
    }

    /** The whole document, as JSON. */
    JsonNode document() {
        return document;
    }

    SchemaChecker checker() {
        return checker;
    }

    /** Every schema the document defines or uses inline, by where it is, for checking that each is well-formed. */
    Map<String, JsonNode> schemas() {
        Map<String, JsonNode> schemas = new LinkedHashMap<>();
        collectSchemas(document, "", schemas);
        return schemas;
    }

    /** An {@code example} of the spec and the schema it illustrates. */
    record Example(String where, JsonNode schema, JsonNode value) {}

    /** Every {@code example} beside a schema (in a media type) or in one. */
    List<Example> examples() {
        List<Example> examples = new ArrayList<>();
        collectExamples(document, "", examples);
        return examples;
    }

    private JsonNode operation(String routeKey) {
        String[] parts = routeKey.split(" ", 2);
        JsonNode operation = document.path("paths").path(parts[1]).path(parts[0].toLowerCase(Locale.ROOT));
        if (!operation.isObject()) {
            throw new AssertionError("openapi.yaml has no route " + routeKey + "; it has " + routeKeys());
        }
        return operation;
    }

    private JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? checker.resolve(node.get("$ref").asText()) : node;
    }

    private static JsonNode headerValue(JsonNode schema, String value) {
        if (schema.path("type").asText().equals("integer")) {
            try {
                return Json.mapper().getNodeFactory().numberNode(Long.parseLong(value));
            } catch (NumberFormatException e) {
                return Json.mapper().getNodeFactory().textNode(value);
            }
        }
        return Json.mapper().getNodeFactory().textNode(value);
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void collectSchemas(JsonNode node, String where, Map<String, JsonNode> schemas) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                String path = where + "/" + field.getKey();
                if (field.getKey().equals("schema")) {
                    schemas.put(path, field.getValue());
                } else if (where.equals("/components/schemas")) {
                    schemas.put(path, field.getValue());
                } else {
                    collectSchemas(field.getValue(), path, schemas);
                }
            });
        }
    }

    private static void collectExamples(JsonNode node, String where, List<Example> examples) {
        if (!node.isObject()) {
            return;
        }
        if (node.has("example") && node.has("schema")) {
            examples.add(new Example(where, node.get("schema"), node.get("example")));
        } else if (node.has("example") && (node.has("type") || node.has("$ref"))) {
            examples.add(new Example(where, node, node.get("example")));
        }
        node.properties().forEach(field -> collectExamples(field.getValue(), where + "/" + field.getKey(),
                examples));
    }

    private static Path specPath() {
        String home = System.getProperty("pipeline.home");
        if (home != null && !home.isBlank()) {
            return Path.of(home, "openapi.yaml");
        }
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            Path candidate = directory.resolve("openapi.yaml");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no openapi.yaml above " + Path.of("").toAbsolutePath()
                + "; set -Dpipeline.home");
    }
}
