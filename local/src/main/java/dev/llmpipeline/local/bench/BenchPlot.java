package dev.llmpipeline.local.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The bench's picture, one PNG: on the left the cumulative distribution of warm end-to-end latency at light load for
 * both designs (and what the pipeline's polling client saw); on the right jobs per second at saturation beside the
 * endpoint's capacity at each design's prompts per call.
 */
final class BenchPlot {
    private static final int WIDTH = 1400;
    private static final int HEIGHT = 560;

    private BenchPlot() {
    }

    static void write(BenchResult result, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, WIDTH, HEIGHT);
            latencyChart(result).draw(graphics, new Rectangle2D.Double(0, 0, WIDTH * 0.6, HEIGHT));
            throughputChart(result).draw(graphics, new Rectangle2D.Double(WIDTH * 0.6, 0, WIDTH * 0.4, HEIGHT));
        } finally {
            graphics.dispose();
        }
        ImageIO.write(image, "png", png.toFile());
    }

    private static JFreeChart latencyChart(BenchResult result) {
        XYSeriesCollection series = new XYSeriesCollection();
        series.addSeries(cumulative("article design: round trip", result.article().endToEnd()));
        series.addSeries(cumulative("pipeline: total_ms (created to completed)", result.pipeline().endToEnd()));
        series.addSeries(cumulative("pipeline: client submit + poll ?wait=", result.pipeline().client()));
        series.addSeries(cumulative("pipeline: model time", result.pipeline().model()));
        JFreeChart chart = ChartFactory.createXYLineChart("Warm end-to-end latency at light load (cumulative)",
                "milliseconds (log scale)", "share of jobs at or below", series, PlotOrientation.VERTICAL, true,
                false, false);
        XYPlot plot = chart.getXYPlot();
        LogarithmicAxis axis = new LogarithmicAxis("milliseconds (log scale)");
        axis.setAllowNegativesFlag(false);
        plot.setDomainAxis(axis);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return chart;
    }

    private static XYSeries cumulative(String name, LatencySamples samples) {
        XYSeries series = new XYSeries(name, true, true);
        for (double[] point : samples.cumulative()) {
            series.addOrUpdate(Math.max(1, point[0]), point[1]);
        }
        return series;
    }

    private static JFreeChart throughputChart(BenchResult result) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        String article = "article design (1 prompt/call)";
        String pipeline = "pipeline (" + result.pipeline().promptsPerCall() + " prompts/call)";
        data.addValue(result.article().jobsPerSecond(), "measured", article);
        data.addValue(result.article().capacity(), "endpoint capacity", article);
        data.addValue(result.pipeline().jobsPerSecond(), "measured", pipeline);
        data.addValue(result.pipeline().capacity(), "endpoint capacity", pipeline);
        JFreeChart chart = ChartFactory.createBarChart(String.format("Jobs/s at saturation (gain %.1fx)",
                result.batchingGain()), "", "jobs per second", data, PlotOrientation.VERTICAL, true, false, false);
        chart.getCategoryPlot().setBackgroundPaint(Color.WHITE);
        chart.getCategoryPlot().setRangeGridlinePaint(Color.LIGHT_GRAY);
        return chart;
    }
}
