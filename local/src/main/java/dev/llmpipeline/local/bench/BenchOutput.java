package dev.llmpipeline.local.bench;

import dev.llmpipeline.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a bench run's figures ({@code bench.json}) and picture ({@code bench.png}) into a folder. */
public final class BenchOutput {
    public static final String JSON = "bench.json";
    public static final String PLOT = "bench.png";

    private BenchOutput() {
    }

    public static void write(BenchResult result, Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(JSON),
                Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(result.toJson()) + "\n");
        BenchPlot.write(result, folder.resolve(PLOT));
    }
}
