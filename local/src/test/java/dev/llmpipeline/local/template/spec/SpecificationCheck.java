package dev.llmpipeline.local.template.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a template's resources (and SAM's {@code Globals}) against the {@link ResourceSpecification}: every
 * resource type exists, every property exists for its type and has the shape the specification gives it, nested
 * property types recursively, and every required property is present. SAM event sources are checked against
 * the event type their {@code Type} names. An intrinsic function is accepted wherever a value is expected.
 * Each problem names its path in the template, such as {@code Resources.Api.Properties.Auth.Authorizer}.
 */
final class SpecificationCheck {

    /** The sections of SAM's Globals and the resource type each applies to. */
    private static final Map<String, String> GLOBAL_SECTIONS = Map.of(
            "Function", "AWS::Serverless::Function",
            "Api", "AWS::Serverless::Api",
            "HttpApi", "AWS::Serverless::HttpApi",
            "SimpleTable", "AWS::Serverless::SimpleTable",
            "StateMachine", "AWS::Serverless::StateMachine",
            "LayerVersion", "AWS::Serverless::LayerVersion");

    private static final Set<String> RESOURCE_ATTRIBUTES = Set.of("Type", "Properties", "DependsOn", "Condition",
            "Metadata", "DeletionPolicy", "UpdateReplacePolicy", "UpdatePolicy", "CreationPolicy");

    private final ResourceSpecification specification;
    private final ValueCheck values;

    SpecificationCheck(ResourceSpecification specification) {
        this.specification = specification;
        this.values = new ValueCheck(specification);
    }

    List<String> check(Map<String, Object> template) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> globals = Maps.of(template.get("Globals"));
        globals.forEach((section, properties) -> checkGlobals(section, properties, problems));
        Maps.of(template.get("Resources")).forEach((logicalId, resource) ->
                checkResource("Resources." + logicalId, resource, globals, problems));
        return problems;
    }

    private void checkGlobals(String section, Object properties, List<String> problems) {
        String path = "Globals." + section;
        String type = GLOBAL_SECTIONS.get(section);
        if (type == null) {
            problems.add(path + ": SAM has no Globals section " + section + "; it has " + GLOBAL_SECTIONS.keySet());
            return;
        }
        JsonNode propertySpecs = specification.resourceType(type).orElseThrow().path("Properties");
        // Globals supply defaults, so nothing is required of them.
        values.checkObject(type, propertySpecs, properties, path, Set.copyOf(propertyNames(propertySpecs)), problems);
    }

    private void checkResource(String path, Object resource, Map<String, Object> globals, List<String> problems) {
        if (!(resource instanceof Map<?, ?> attributes)) {
            problems.add(path + ": expected a mapping with Type and Properties");
            return;
        }
        for (Object attribute : attributes.keySet()) {
            if (!RESOURCE_ATTRIBUTES.contains(String.valueOf(attribute))) {
                problems.add(path + "." + attribute + ": not a resource attribute; known are "
                        + new TreeSet<>(RESOURCE_ATTRIBUTES));
            }
        }
        if (!(attributes.get("Type") instanceof String type)) {
            problems.add(path + ".Type: expected a resource type name");
            return;
        }
        JsonNode typeSpec = specification.resourceType(type).orElse(null);
        if (typeSpec == null) {
            problems.add(path + ".Type: " + type + " is not a resource type of the specification");
            return;
        }
        Set<String> fromGlobals = Maps.of(globals.get(globalSectionOf(type))).keySet();
        values.checkObject(type, typeSpec.path("Properties"), attributes.get("Properties") == null ? Map.of()
                : attributes.get("Properties"), path + ".Properties", fromGlobals, problems);
    }

    private static String globalSectionOf(String type) {
        return GLOBAL_SECTIONS.entrySet().stream().filter(entry -> entry.getValue().equals(type))
                .map(Map.Entry::getKey).findFirst().orElse("");
    }

    private static List<String> propertyNames(JsonNode propertySpecs) {
        List<String> names = new ArrayList<>();
        propertySpecs.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
