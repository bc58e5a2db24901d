package dev.llmpipeline.local.template;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's {@code template.yaml}: under {@code -Dpipeline.home}, else in a parent directory. */
final class ProjectTemplate {

    private ProjectTemplate() {
    }

    static Path path() {
        String home = System.getProperty("pipeline.home");
        if (home != null && !home.isBlank()) {
            return Path.of(home, "template.yaml");
        }
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            Path candidate = directory.resolve("template.yaml");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath()
                + "; set -Dpipeline.home");
    }

    static SamTemplate load() {
        return SamTemplate.load(path());
    }
}
