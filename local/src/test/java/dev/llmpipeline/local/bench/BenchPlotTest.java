package dev.llmpipeline.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchPlotTest {

    @Test
    void writesOnePngWithBothCharts(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("bench.png");
        BenchPlot.write(BenchResultTest.result(List.of(4.0), 600), png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(1400);
        assertThat(image.getHeight()).isEqualTo(560);
        // Something was drawn on both halves: not a blank white canvas.
        assertThat(hasInk(image, 0, 700)).isTrue();
        assertThat(hasInk(image, 840, 1400)).isTrue();
    }

    private static boolean hasInk(BufferedImage image, int fromX, int toX) {
        for (int x = fromX; x < toX; x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    return true;
                }
            }
        }
        return false;
    }
}
