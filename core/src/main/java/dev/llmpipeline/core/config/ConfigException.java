package dev.llmpipeline.core.config;

import java.util.List;

/** The environment is missing a variable or holds a bad value. Thrown at start, naming every problem at once. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(List<String> problems) {
        super("invalid configuration: " + String.join("; ", problems));
    }
}
