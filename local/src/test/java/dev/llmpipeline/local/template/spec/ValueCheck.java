package dev.llmpipeline.local.template.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks one value against its {@link ValueType}: mappings property by property (unknown and missing required
 * ones), lists and maps item by item, primitives by shape (text, a whole number, a number, a boolean). Intrinsic
 * functions are accepted wherever a value is expected, since only CloudFormation can resolve them.
 */
final class ValueCheck {

    private final ResourceSpecification specification;

    ValueCheck(ResourceSpecification specification) {
        this.specification = specification;
    }

    /**
     * Checks a mapping against property specifications.
     *
     * @param resourceType      the resource type whose property types named inside are meant
     * @param providedElsewhere properties that count as present although absent here (set by SAM's Globals)
     */
    void checkObject(String resourceType, JsonNode propertySpecs, Object value, String path,
            Set<String> providedElsewhere, List<String> problems) {
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(path + ": expected a mapping, found " + describe(value));
            return;
        }
        Map<String, Object> properties = Maps.of(map);
        properties.forEach((name, item) -> {
            JsonNode propertySpec = propertySpecs.get(name);
            if (propertySpec == null) {
                problems.add(path + "." + name + ": no such property; " + resourceType + " here has "
                        + names(propertySpecs));
            } else {
                check(resourceType, ValueType.of(propertySpec), item, path + "." + name, problems);
            }
        });
        propertySpecs.fields().forEachRemaining(entry -> {
            String name = entry.getKey();
            if (entry.getValue().path("Required").asBoolean(false) && !properties.containsKey(name)
                    && !providedElsewhere.contains(name)) {
                problems.add(path + ": required property " + name + " is missing");
            }
        });
    }

    void check(String resourceType, ValueType type, Object value, String path, List<String> problems) {
        if (value == null) {
            problems.add(path + ": has no value");
            return;
        }
        if (Intrinsics.isIntrinsic(value)) {
            return;
        }
        // Java 17: no pattern matching in switch yet.
        if (type instanceof ValueType.Primitive primitive) {
            checkPrimitive(primitive.name(), value, path, problems);
        } else if (type instanceof ValueType.ListOf list) {
            checkList(resourceType, list, value, path, problems);
        } else if (type instanceof ValueType.MapOf mapOf) {
            checkMap(resourceType, mapOf, value, path, problems);
        } else if (type instanceof ValueType.Named named) {
            checkNamed(resourceType, named.name(), value, path, problems);
        } else {
            checkAnyOf(resourceType, (ValueType.AnyOf) type, value, path, problems);
        }
    }

    private void checkList(String resourceType, ValueType.ListOf type, Object value, String path,
            List<String> problems) {
        if (!(value instanceof List<?> items)) {
            problems.add(path + ": expected a list, found " + describe(value));
            return;
        }
        for (int index = 0; index < items.size(); index++) {
            check(resourceType, type.item(), items.get(index), path + "[" + index + "]", problems);
        }
    }

    private void checkMap(String resourceType, ValueType.MapOf type, Object value, String path,
            List<String> problems) {
        if (!(value instanceof Map<?, ?>)) {
            problems.add(path + ": expected a mapping, found " + describe(value));
            return;
        }
        Maps.of(value).forEach((key, item) -> check(resourceType, type.item(), item, path + "." + key, problems));
    }

    private void checkNamed(String resourceType, String name, Object value, String path, List<String> problems) {
        JsonNode propertyType = specification.propertyType(resourceType, name).orElse(null);
        if (propertyType == null) {
            problems.add(path + ": the specification has no property type " + resourceType + "." + name);
        } else if (name.equals("EventSource") && resourceType.startsWith("AWS::Serverless::")) {
            checkEventSource(resourceType, value, path, problems);
        } else if (propertyType.has("Properties")) {
            checkObject(resourceType, propertyType.get("Properties"), value, path, Set.of(), problems);
        } else {
            check(resourceType, ValueType.of(propertyType), value, path, problems); // a type that is a bare list
        }
    }

    /** A SAM event: its Properties are those of the event type its Type names (SQS: SQSEvent). */
    private void checkEventSource(String resourceType, Object value, String path, List<String> problems) {
        Map<String, Object> event = Maps.of(value);
        if (!(value instanceof Map<?, ?>) || !(event.get("Type") instanceof String eventType)) {
            problems.add(path + ": expected a mapping with a Type, found " + describe(value));
            return;
        }
        Set<String> unknown = new TreeSet<>(event.keySet());
        unknown.removeAll(Set.of("Type", "Properties"));
        unknown.forEach(key -> problems.add(path + "." + key + ": an event has only Type and Properties"));
        JsonNode eventSpec = specification.propertyType(resourceType, eventType + "Event").orElse(null);
        if (eventSpec == null) {
            problems.add(path + ".Type: " + eventType + " is not an event type of " + resourceType);
            return;
        }
        checkObject(resourceType, eventSpec.path("Properties"), event.getOrDefault("Properties", Map.of()),
                path + ".Properties", Set.of(), problems);
    }

    /** Accepted if one choice fits; otherwise the problems of the closest choice of the right shape. */
    private void checkAnyOf(String resourceType, ValueType.AnyOf type, Object value, String path,
            List<String> problems) {
        List<List<String>> outcomes = new ArrayList<>();
        for (ValueType choice : type.choices()) {
            List<String> choiceProblems = new ArrayList<>();
            check(resourceType, choice, value, path, choiceProblems);
            if (choiceProblems.isEmpty()) {
                return;
            }
            outcomes.add(choiceProblems);
        }
        problems.addAll(outcomes.stream().min(Comparator.comparingInt(ValueCheck::shapeMismatches)
                .thenComparingInt(List::size)).orElseThrow());
    }

    /** How many of the problems say the value has the wrong shape altogether (not a mapping, not a list...). */
    private static int shapeMismatches(List<String> problems) {
        return (int) problems.stream().filter(problem -> problem.contains(": expected ")).count();
    }

    private static void checkPrimitive(String name, Object value, String path, List<String> problems) {
        boolean fits = switch (name) {
            case "Json" -> true;
            case "String", "Timestamp" -> isScalar(value);
            case "Integer", "Long" -> isNumber(value) && new BigDecimal(value.toString().trim()).scale() <= 0;
            case "Double" -> isNumber(value);
            case "Boolean" -> value instanceof Boolean
                    || value instanceof String text && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"));
            default -> throw new IllegalStateException("unknown primitive type " + name + " at " + path);
        };
        if (!fits) {
            problems.add(path + ": expected " + (name.equals("Integer") || name.equals("Long") ? "a whole number"
                    : "a " + name) + ", found " + describe(value));
        }
    }

    private static boolean isScalar(Object value) {
        return !(value instanceof Map<?, ?>) && !(value instanceof List<?>);
    }

    private static boolean isNumber(Object value) {
        if (value instanceof Number) {
            return true;
        }
        if (value instanceof String text) {
            try {
                new BigDecimal(text.trim());
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return false;
    }

    private static String describe(Object value) {
        if (value instanceof Map<?, ?>) {
            return "a mapping";
        }
        return value instanceof List<?> ? "a list" : "'" + value + "'";
    }

    private static Set<String> names(JsonNode propertySpecs) {
        Set<String> names = new TreeSet<>();
        propertySpecs.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
