package dev.llmpipeline.local.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Opens the package-private CloudFormation YAML reader to the tests of other packages (the template checks in
 * {@code template.spec}), so that they read a template exactly as the local stack does.
 */
public final class TemplateYaml {

    private TemplateYaml() {
    }

    /** The repository's {@code template.yaml}. */
    public static Path projectTemplate() {
        return ProjectTemplate.path();
    }

    /** Parses a template file; short-form intrinsics become their JSON form ({@code !Ref X} is {@code {Ref: X}}). */
    public static Map<String, Object> parse(Path template) {
        try {
            return CloudFormationYaml.parse(Files.readString(template), template.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses template text, such as a snippet of a test. */
    public static Map<String, Object> parse(String yaml) {
        return CloudFormationYaml.parse(yaml, "snippet");
    }
}
