package dev.tacit.experiments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The η × ξ grid of hou2025-completion (udu only) with the gauge-covariant steps of GaugeSteps at other radii
 * than the experiment's α₀ = 3: shows whether the exact-rank result of the whole grid survives a change of radius.
 * Args: seed radii(comma list) step-sizes(comma list) [budget, default 1.5e6] [init-scales, default 1e-2,1e-4,1e-6].
 * Prints CSV; cells run on the worker threads (both cores).
 */
public final class GaugeGrid {

    private GaugeGrid() {
    }

    private static double[] list(String s) {
        return Arrays.stream(s.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    public static void main(String[] a) throws Exception {
        long seed = Long.parseLong(a[0]);
        double[] radii = list(a[1]);
        double[] rates = list(a[2]);
        long budget = a.length > 3 ? Long.parseLong(a[3]) : Hou2025Completion.ITERATIONS;
        double[] scales = a.length > 4 ? list(a[4]) : new double[] {1e-2, 1e-4, 1e-6};
        var pr = Hou2025Completion.problem(seed, Hou2025Completion.N, Hou2025Completion.RANK,
                Hou2025Completion.OBSERVATIONS);
        List<Callable<String>> jobs = new ArrayList<>();
        for (double alpha : radii) {
            for (double lr : rates) {
                for (double xi : scales) {
                    jobs.add(() -> {
                        long t0 = System.nanoTime();
                        var r = Hou2025Completion.fit("udu", pr, seed, lr, xi, alpha,
                                Hou2025Completion.StepScaling.GAUGE, Hou2025Completion.RADIUS, budget,
                                Hou2025Completion.TOLERANCE, false);
                        return String.format(Locale.ROOT, "%d,%g,%g,%g,%b,%d,%.3g,%.3g,%d,%.1f", seed, alpha, lr, xi,
                                r.converged(), r.rank(), r.ratio41(), r.testError(), r.iterations(),
                                (System.nanoTime() - t0) / 1e9);
                    });
                }
            }
        }
        System.out.println("seed,radius,step_size,init_scale,converged,numerical_rank,sigma4_over_sigma1,test_error,"
                + "iterations,seconds");
        for (String s : dev.tacit.linalg.Workers.map(jobs)) {
            System.out.println(s);
        }
    }
}
