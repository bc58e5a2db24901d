package dev.llmpipeline.local.template.spec;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * An environment that remembers which variables were looked up, set or not, so a test learns what a config
 * reads by building it. Looking at the whole environment (iterating it) fails: then nothing could be learnt.
 * Not thread-safe.
 */
final class RecordingEnvironment extends AbstractMap<String, String> {

    private final Map<String, String> variables;
    private final Set<String> namesRead = new LinkedHashSet<>();

    RecordingEnvironment(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    @Override
    public String get(Object name) {
        namesRead.add(String.valueOf(name));
        return variables.get(name);
    }

    @Override
    public boolean containsKey(Object name) {
        namesRead.add(String.valueOf(name));
        return variables.containsKey(name);
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        throw new IllegalStateException("the config iterated the whole environment, so which variables it reads "
                + "cannot be told; look variables up by name");
    }

    /** The names looked up so far, in the order of their first lookup. */
    Set<String> namesRead() {
        return Collections.unmodifiableSet(namesRead);
    }
}
