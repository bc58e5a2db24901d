package dev.llmpipeline.local.aws;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableServerTest {

    @Test
    void explainsHowToInstallDynaliteWhenItIsMissing(@TempDir Path emptyDir) {
        assumeTrue(TableServer.findNode().isPresent(), "needs node on the PATH");

        assertThatThrownBy(() -> TableServer.start(emptyDir, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dynalite is not installed")
                .hasMessageContaining("run the Maven build");
    }
}
