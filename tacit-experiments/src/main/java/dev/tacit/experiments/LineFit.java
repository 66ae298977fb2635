package dev.tacit.experiments;

import java.util.List;

/** Least-squares slope of points (x, y): Σ(x − x̄)(y − ȳ) / Σ(x − x̄)², used for log-log slopes in reports. */
final class LineFit {

    private LineFit() {
    }

    /**
     * @param points (x, y) pairs
     * @return the slope, NaN with fewer than 2 points
     */
    static double slope(List<double[]> points) {
        if (points.size() < 2) {
            return Double.NaN;
        }
        double mx = 0;
        double my = 0;
        for (double[] p : points) {
            mx += p[0] / points.size();
            my += p[1] / points.size();
        }
        double sxy = 0;
        double sxx = 0;
        for (double[] p : points) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
        }
        return sxy / sxx;
    }
}
