package dev.llmpipeline.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import me.tongfei.progressbar.ProgressBar;
import org.junit.jupiter.api.Test;

class ProgressBarsTest {

    @Test
    void barOutsideATerminalPrintsPlainAsciiLines() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBars bars = new ProgressBars(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, 100);

        try (ProgressBar bar = bars.count("jobs", 10)) {
            bar.stepTo(10);
            bar.setExtraMessage("9 succeeded, 1 failed, 0 cancelled");
        }

        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed).doesNotContain("\r").doesNotContain("\u001b").matches("\\p{ASCII}*");
        assertThat(printed.lines().reduce((first, second) -> second).orElseThrow())
                .startsWith("jobs 100% [").contains("10/10").endsWith("9 succeeded, 1 failed, 0 cancelled")
                .hasSizeLessThanOrEqualTo(100);
    }

    @Test
    void byteBarCountsInKibibytesFromTenKibibytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBars bars = new ProgressBars(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, 100);

        try (ProgressBar bar = bars.bytes("upload", 20 * 1024)) {
            bar.stepTo(20 * 1024);
        }

        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("20/20 KiB");
    }
}
