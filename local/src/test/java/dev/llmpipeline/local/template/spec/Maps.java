package dev.llmpipeline.local.template.spec;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the mappings of a parsed template, whose keys are always strings. */
final class Maps {

    private Maps() {
    }

    /** The mapping, or an empty one if the value is absent or not a mapping (other checks report that). */
    static Map<String, Object> of(Object value) {
        Map<String, Object> entries = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> entries.put(String.valueOf(key), item));
        }
        return entries;
    }
}
