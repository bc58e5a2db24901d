package dev.llmpipeline.local.template.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The type of a property value as the specification states it: a primitive ({@code String}, {@code Integer},
 * {@code Json}...), a named property type, a list or map of one of those, or (in SAM's part of the
 * specification) any of several, given by {@code PrimitiveTypes}/{@code Types} and the {@code *ItemTypes} lists.
 */
sealed interface ValueType {

    record Primitive(String name) implements ValueType {
    }

    record Named(String name) implements ValueType {
    }

    record ListOf(ValueType item) implements ValueType {
    }

    record MapOf(ValueType item) implements ValueType {
    }

    record AnyOf(List<ValueType> choices) implements ValueType {
    }

    /** The type described by a property's specification (or by a property type that is a bare list). */
    static ValueType of(JsonNode property) {
        List<ValueType> choices = new ArrayList<>();
        String type = property.path("Type").asText("");
        if (property.has("PrimitiveType")) {
            choices.add(new Primitive(property.get("PrimitiveType").asText()));
        }
        if (type.equals("List")) {
            choices.add(new ListOf(itemOf(property)));
        } else if (type.equals("Map")) {
            choices.add(new MapOf(itemOf(property)));
        } else if (!type.isEmpty()) {
            choices.add(new Named(type));
        }
        property.path("PrimitiveTypes").forEach(name -> choices.add(new Primitive(name.asText())));
        property.path("Types").forEach(name -> choices.add(new Named(name.asText())));
        // SAM: a list whose items may each be any of these, besides the single value above (Policies).
        List<ValueType> inclusiveItems = new ArrayList<>();
        property.path("InclusivePrimitiveItemTypes").forEach(name -> inclusiveItems.add(new Primitive(name.asText())));
        property.path("InclusiveItemTypes").forEach(name -> inclusiveItems.add(new Named(name.asText())));
        if (!inclusiveItems.isEmpty()) {
            choices.add(new ListOf(anyOf(inclusiveItems)));
        }
        if (choices.isEmpty()) {
            return new Primitive("Json"); // the specification says nothing: accept anything
        }
        return anyOf(choices);
    }

    private static ValueType itemOf(JsonNode property) {
        List<ValueType> items = new ArrayList<>();
        if (property.has("PrimitiveItemType")) {
            items.add(new Primitive(property.get("PrimitiveItemType").asText()));
        }
        if (property.has("ItemType")) {
            items.add(new Named(property.get("ItemType").asText()));
        }
        property.path("PrimitiveItemTypes").forEach(name -> items.add(new Primitive(name.asText())));
        property.path("ItemTypes").forEach(name -> items.add(new Named(name.asText())));
        return items.isEmpty() ? new Primitive("Json") : anyOf(items);
    }

    private static ValueType anyOf(List<ValueType> choices) {
        return choices.size() == 1 ? choices.get(0) : new AnyOf(List.copyOf(choices));
    }
}
