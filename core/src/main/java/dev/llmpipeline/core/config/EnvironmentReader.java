package dev.llmpipeline.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads typed settings from environment variables and collects every problem, so that a function fails its init
 * phase once with a message listing all of them rather than one at a time. Not thread-safe; use it during init.
 */
public final class EnvironmentReader {
    private final Map<String, String> environment;
    private final List<String> problems = new ArrayList<>();

    /**
     * Reads from {@code environment}, which must not change while this reader is used. It is looked up one name at a
     * time, never copied whole, so a test can pass a map that records which variables a config reads.
     */
    public EnvironmentReader(Map<String, String> environment) {
        this.environment = Collections.unmodifiableMap(environment);
    }

    /** A variable that must be set and not blank; records a problem and returns "" otherwise. */
    public String required(String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            problems.add(name + " is required");
            return "";
        }
        return value.trim();
    }

    /** A variable that may be absent or blank. */
    public Optional<String> optional(String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** An integer in {@code [min, max]}, or {@code fallback} when absent. */
    public int integer(String name, int fallback, int min, int max) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed < min || parsed > max) {
                problems.add(name + " must be between " + min + " and " + max + ", was " + parsed);
                return fallback;
            }
            return parsed;
        } catch (NumberFormatException e) {
            problems.add(name + " must be an integer, was '" + value.get() + "'");
            return fallback;
        }
    }

    /** An absolute http(s) URI, when set. */
    public Optional<URI> uri(String name) {
        return optional(name).flatMap(value -> {
            try {
                URI uri = new URI(value);
                String scheme = uri.getScheme();
                if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                        || uri.getHost() == null) {
                    problems.add(name + " must be an http(s) URL, was '" + value + "'");
                    return Optional.empty();
                }
                return Optional.of(uri);
            } catch (URISyntaxException e) {
                problems.add(name + " must be an http(s) URL, was '" + value + "'");
                return Optional.empty();
            }
        });
    }

    /** One of the allowed values (case-insensitive), or {@code fallback} when absent. */
    public <E extends Enum<E>> E choice(String name, Class<E> type, E fallback) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return fallback;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.toString().equalsIgnoreCase(value.get())) {
                return constant;
            }
        }
        problems.add(name + " must be one of " + List.of(type.getEnumConstants()) + ", was '" + value.get() + "'");
        return fallback;
    }

    /** Records a problem found by the caller's own cross-field checks. */
    public void problem(String message) {
        problems.add(message);
    }

    /**
     * Ends reading.
     *
     * @throws ConfigException naming every problem found, if any
     */
    public void validate() {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }
}
