package dev.llmpipeline.local.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A value of the parsed template together with the path that leads to it, such as
 * {@code Resources.WorkerFunction.Properties.Timeout}, so that every error can name the property it is about.
 * A node whose value is {@code null} stands for a property that is absent.
 */
record TemplateNode(String path, Object value) {

    boolean isMissing() {
        return value == null;
    }

    /** The child under {@code key}; a missing node if this node or the key is absent. */
    TemplateNode get(String key) {
        String childPath = path.isEmpty() ? key : path + "." + key;
        if (isMissing()) {
            return new TemplateNode(childPath, null);
        }
        return new TemplateNode(childPath, asMap().get(key));
    }

    /** The child under {@code key}, which must be present. */
    TemplateNode require(String key) {
        TemplateNode child = get(key);
        if (child.isMissing()) {
            throw new IllegalArgumentException(child.path + " is missing");
        }
        return child;
    }

    /** The entries of a mapping, in template order; none if this node is absent. */
    Map<String, TemplateNode> entries() {
        Map<String, TemplateNode> entries = new LinkedHashMap<>();
        if (!isMissing()) {
            asMap().keySet().forEach(key -> entries.put(key, get(key)));
        }
        return Collections.unmodifiableMap(entries);
    }

    /** The items of a list; none if this node is absent. */
    List<TemplateNode> items() {
        if (isMissing()) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(path + ": expected a list, found " + describe(value));
        }
        List<TemplateNode> items = new ArrayList<>(list.size());
        for (int index = 0; index < list.size(); index++) {
            items.add(new TemplateNode(path + "[" + index + "]", list.get(index)));
        }
        return Collections.unmodifiableList(items);
    }

    /** A plain string such as a resource {@code Type}; intrinsic functions are not allowed here. */
    String text() {
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException(path + ": expected a string, found " + describe(value));
        }
        return text;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> asMap() {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(path + ": expected a mapping, found " + describe(value));
        }
        return (Map<String, Object>) value;
    }

    static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        return value instanceof Map<?, ?> || value instanceof List<?> ? value.toString() : "'" + value + "'";
    }
}
