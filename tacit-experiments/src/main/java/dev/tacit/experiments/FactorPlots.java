package dev.tacit.experiments;

import dev.tacit.experiments.report.Axis;
import dev.tacit.experiments.report.PlotSpec;
import dev.tacit.experiments.report.Plots;
import dev.tacit.experiments.report.Series;
import dev.tacit.linalg.Matrix;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/** The plots of {@code tacit factor}: the objective per iteration, and W's rows as stacked bars. */
final class FactorPlots {

    /** At most this many rows of W are drawn. */
    static final int MAX_BARS = 100;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private FactorPlots() {
    }

    /** Objective (log scale) against the iteration. */
    static void objective(double[] history, String title, Path png) throws IOException {
        double[] x = new double[history.length];
        for (int t = 0; t < x.length; t++) {
            x[t] = t;
        }
        PlotSpec spec = PlotSpec.builder(title).xLabel("iteration").yLabel("objective").yAxis(Axis.LOG)
                .add(new Series("objective", x, history)).build();
        Plots.writePng(spec, png);
    }

    /** W's rows (the first {@value #MAX_BARS}) as bars stacked by component. */
    static void loadings(Matrix w, List<String> rowLabels, String title, Path png) throws IOException {
        int n = Math.min(w.rows(), MAX_BARS);
        List<String> labels = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String label : rowLabels.subList(0, n)) {
            String unique = label;
            for (int k = 2; !seen.add(unique); k++) {
                unique = label + " (" + k + ")";
            }
            labels.add(unique);
        }
        CategoryChart chart = new CategoryChartBuilder().width(Math.max(PlotSpec.DEFAULT_WIDTH, 16 * n + 200))
                .height(PlotSpec.DEFAULT_HEIGHT)
                .title(title + (n < w.rows() ? " (first " + n + " of " + w.rows() + " rows)" : ""))
                .xAxisTitle("row").yAxisTitle("W").build();
        chart.getStyler().setStacked(true);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisLabelRotation(n > 10 ? 90 : 0);
        chart.getStyler().setOverlapped(false);
        for (int c = 0; c < w.cols(); c++) {
            List<Double> y = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                y.add(w.get(i, c));
            }
            chart.addSeries("component_" + (c + 1), labels, y);
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
