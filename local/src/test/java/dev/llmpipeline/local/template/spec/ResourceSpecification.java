package dev.llmpipeline.local.template.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmpipeline.local.template.TemplateYaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The CloudFormation resource specification as published in the npm package {@code @aws-cdk/cfnspec}
 * ({@code spec/specification.json}: every CloudFormation resource type plus SAM's {@code AWS::Serverless::*}),
 * with {@code sam-supplement.json} merged in: SAM properties added after the SAM part of that specification was
 * last generated. The package's last version, 2.105.0-alpha.0 (specification 130.1.0), is used rather than its
 * "latest" tag 2.72.1 (117.0.0), which still marks a ScalableTarget's RoleARN required, as it no longer is.
 * Immutable once loaded.
 */
final class ResourceSpecification {

    /** Where the build's {@code install-cfnspec} profile puts the specification, under the repository. */
    static final String INSTALLED_PATH = "local/cfnspec/node_modules/@aws-cdk/cfnspec/spec/specification.json";

    /**
     * The CloudFormation type each SAM type becomes under the same logical id, whose attributes
     * {@code Fn::GetAtt} then reaches (the specification lists none for SAM types):
     * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-generated-resources.html
     * LayerVersion is absent: SAM renames its logical id, so nothing can be read from it by name.
     */
    private static final Map<String, String> SAM_GENERATED_TYPES = Map.of(
            "AWS::Serverless::Function", "AWS::Lambda::Function",
            "AWS::Serverless::Api", "AWS::ApiGateway::RestApi",
            "AWS::Serverless::HttpApi", "AWS::ApiGatewayV2::Api",
            "AWS::Serverless::SimpleTable", "AWS::DynamoDB::Table",
            "AWS::Serverless::StateMachine", "AWS::StepFunctions::StateMachine",
            "AWS::Serverless::Application", "AWS::CloudFormation::Stack");

    /** Loads on first use, once, thread-safely (the holder idiom). */
    private static final class Installed {
        static final ResourceSpecification SPECIFICATION = installed(repository());
    }

    private final JsonNode resourceTypes;
    private final JsonNode propertyTypes;
    private final String version;

    private ResourceSpecification(JsonNode specification) {
        this.resourceTypes = specification.path("ResourceTypes");
        this.propertyTypes = specification.path("PropertyTypes");
        this.version = specification.path("ResourceSpecificationVersion").asText("?");
    }

    /** The specification installed in this repository, loaded once (it is large) and shared by the tests. */
    static ResourceSpecification installed() {
        return Installed.SPECIFICATION;
    }

    /** The repository: the folder of {@code template.yaml}. */
    static Path repository() {
        return TemplateYaml.projectTemplate().toAbsolutePath().normalize().getParent();
    }

    /** The installed specification with the SAM supplement; fails with a hint if the build has not installed it. */
    static ResourceSpecification installed(Path repository) {
        Path path = repository.resolve(INSTALLED_PATH);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(path + " is missing: the Maven build installs it (profile install-cfnspec "
                    + "of local/pom.xml); or run npm ci in local/cfnspec");
        }
        try (InputStream specification = Files.newInputStream(path);
             InputStream supplement = ResourceSpecification.class.getResourceAsStream("sam-supplement.json")) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode merged = (ObjectNode) mapper.readTree(specification);
            mergeInto(merged, mapper.readTree(supplement));
            return new ResourceSpecification(merged);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds the supplement's types, and its properties to the types both have. */
    private static void mergeInto(ObjectNode specification, JsonNode supplement) {
        for (String section : new String[] {"ResourceTypes", "PropertyTypes"}) {
            ObjectNode types = (ObjectNode) specification.get(section);
            supplement.path(section).fields().forEachRemaining(added -> {
                JsonNode existing = types.get(added.getKey());
                if (existing == null) {
                    types.set(added.getKey(), added.getValue());
                } else {
                    ((ObjectNode) existing.get("Properties")).setAll((ObjectNode) added.getValue().get("Properties"));
                }
            });
        }
    }

    String version() {
        return version;
    }

    Optional<JsonNode> resourceType(String type) {
        return Optional.ofNullable(resourceTypes.get(type));
    }

    /** A property type of {@code resourceType} by its short name; {@code Tag} is shared by all types. */
    Optional<JsonNode> propertyType(String resourceType, String name) {
        JsonNode own = propertyTypes.get(resourceType + "." + name);
        return Optional.ofNullable(own != null ? own : propertyTypes.get(name));
    }

    /** The attributes {@code Fn::GetAtt} can read from a resource of this type. */
    Set<String> attributes(String type) {
        String effective = SAM_GENERATED_TYPES.getOrDefault(type, type);
        Set<String> names = new LinkedHashSet<>();
        Iterator<String> fields = resourceTypes.path(effective).path("Attributes").fieldNames();
        fields.forEachRemaining(names::add);
        return names;
    }
}
