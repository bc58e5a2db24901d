package dev.llmpipeline.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionOutputTest {
    @TempDir
    Path folder;

    @Test
    void sendsStandardOutputToTheFileUntilClosedAndKeepsTheConsoleForTheCommand() throws IOException {
        PrintStream before = System.out;
        Path file = folder.resolve("logs/demo-functions.log");

        try (FunctionOutput functions = FunctionOutput.toFile(file)) {
            System.out.println("{\"level\":\"INFO\",\"message\":\"job accepted\"}");
            assertThat(functions.console()).isSameAs(before);
        }

        assertThat(System.out).isSameAs(before);
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .isEqualTo("{\"level\":\"INFO\",\"message\":\"job accepted\"}" + System.lineSeparator());
    }
}
