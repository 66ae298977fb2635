package dev.tacit.model.nmf;

import dev.tacit.linalg.Matrix;
import java.util.SplittableRandom;

/**
 * Identifiability analysis of a latent budget solution Π = A·B (A n×K, B K×m, both nonnegative and
 * row-stochastic), after the R {@code lba} package's {@code identif()} ({@code ivanalaman/lba:R/identif.R})
 * and Qi &amp; van der Heijden (arXiv:2512.22282; {@code nmf_family.md} §1.4).
 *
 * <p><b>Feasible set.</b> Every invertible K×K matrix T with
 *
 * <pre>
 *   T·1 = 1,   A·T⁻¹ ≥ 0,   T·B ≥ 0
 * </pre>
 *
 * gives another exact solution A' = A·T⁻¹, B' = T·B with A'·B' = A·B, and both factors stay
 * row-stochastic (T·1 = 1 ⇔ T⁻¹·1 = 1). {@code identif()} stores the budgets as the columns of a J×K
 * matrix B_lba = Bᵀ and writes the constraints as A T⁻¹ ≥ 0, T B_lbaᵀ ≥ 0 with rows of T summing to 1;
 * with our K×m row-budget B this is exactly T·B ≥ 0 (the same T, same set).
 *
 * <p><b>Criterion.</b> The summed chi-square distance between the budgets,
 * δ(B') = Σ_{k&lt;l} √(Σ_j (b'_kj − b'_lj)² / c_j), with c_j = Σ_i (A·B)_ij (identif()'s
 * {@code sum(P[, j])}, the column sum of the fitted profile matrix; a zero c_j is replaced by 1e-6 as in
 * identif()). The <i>inner extreme</i> minimises δ over the feasible set, the <i>outer extreme</i>
 * maximises it. δ is invariant under permutations of the budgets.
 *
 * <p><b>Optimiser</b> (ours, replacing {@code constrOptim.nl}): a (1+1) evolution strategy with the 1/5
 * success rule on the K(K−1) free entries of T (steps D with D·1 = 0 keep the row sums), infeasible
 * proposals rejected (hard constraints: every entry of A·T⁻¹ and T·B ≥ −slack as computed, slack 0 by
 * default), started from T = I (always feasible) and from
 * {@value #RANDOM_STARTS} random feasible points, each run restarted twice from its best point; all
 * draws from a {@link SplittableRandom} with a fixed seed. Every returned T is feasible by construction.
 *
 * <p><b>Verdict.</b> {@link IdentifiabilityReport.Verdict#UNIQUE} when δ(outer) − δ(inner) ≤
 * tol·δ(outer): the connected part of the feasible set around I is then a single point. Sufficient
 * condition reported alongside: A and B both separable (A contains the K×K identity rows and B a
 * scaled-identity K×K column submatrix) ⇒ T ≥ 0 and T⁻¹ ≥ 0 ⇒ T is a permutation. B-separability alone
 * forces only T ≥ 0 (the budgets can still shrink towards the data), so it is not sufficient here.
 * Caveat: a verdict is only as good as the search; a feasible set that is lower-dimensional near I (a
 * segment pinned by exact zeros) is hit by random steps with probability 0 and reads as UNIQUE. Fits
 * with exact zeros (coordinate descent produces them) are often pinned at T = I exactly; rerun with
 * {@link #LBA_SLACK} to see the near-ambiguity identif() reports.
 *
 * <p><b>Limit.</b> K ≤ {@value #MAX_COMPONENTS}: the search is over K(K−1) ≤ 12 free parameters; beyond
 * that a random search is no longer a credible global optimiser.
 */
public final class Identifiability {

    /** The largest K analysed. */
    public static final int MAX_COMPONENTS = 4;
    /** Default relative tolerance of the verdict. */
    public static final double DEFAULT_TOLERANCE = 1e-6;
    /** δ of MAV-NMF's log det(BBᵀ + δI). */
    public static final double VOLUME_DELTA = 0.1;
    /** Random feasible starting points per extreme (besides T = I). */
    public static final int RANDOM_STARTS = 6;

    /** The constraint slack of R {@code identif()} ({@code hin}: entries ≥ −0.001). */
    public static final double LBA_SLACK = 1e-3;
    private static final double ZERO = 1e-10;
    private static final int STEPS_PER_RUN = 2500;

    private final double[][] a;
    private final double[][] b;
    private final double[] colWeights;
    private final int k;
    private final double slack;
    private long evaluations;

    private Identifiability(double[][] a, double[][] b, double slack) {
        this.slack = slack;
        this.a = a;
        this.b = b;
        this.k = b.length;
        double[][] pi = SmallMatrices.multiply(a, b);
        this.colWeights = new double[b[0].length];
        for (double[] row : pi) {
            for (int j = 0; j < row.length; j++) {
                colWeights[j] += row[j];
            }
        }
        for (int j = 0; j < colWeights.length; j++) {
            if (!(colWeights[j] > 0)) {
                colWeights[j] = 1e-6;
            }
        }
    }

    /** @param fit a fitted model @return {@link #analyze(Matrix, Matrix, double, long)} of its A and B, defaults */
    public static IdentifiabilityReport analyze(LatentBudgetFit fit) {
        return analyze(fit.a(), fit.b(), DEFAULT_TOLERANCE, 0L);
    }

    /** @param a A (n×K) @param b B (K×m) @return {@link #analyze(Matrix, Matrix, double, long)} with the defaults */
    public static IdentifiabilityReport analyze(Matrix a, Matrix b) {
        return analyze(a, b, DEFAULT_TOLERANCE, 0L);
    }

    /**
     * @param a mixing parameters A (n×K), ≥ 0, rows summing to 1 (within 1e-6)
     * @param b latent budgets B (K×m), ≥ 0, rows summing to 1 (within 1e-6)
     * @param tolerance relative tolerance of the verdict, ≥ 0
     * @param seed seed of the random search
     * @return {@link #analyze(Matrix, Matrix, double, long, double)} with slack 0 (the exact feasible set)
     */
    public static IdentifiabilityReport analyze(Matrix a, Matrix b, double tolerance, long seed) {
        return analyze(a, b, tolerance, seed, 0.0);
    }

    /**
     * @param a mixing parameters A (n×K), ≥ 0, rows summing to 1 (within 1e-6)
     * @param b latent budgets B (K×m), ≥ 0, rows summing to 1 (within 1e-6)
     * @param tolerance relative tolerance of the verdict, ≥ 0
     * @param seed seed of the random search
     * @param slack s ≥ 0: the feasible set is relaxed to A·T⁻¹ ≥ −s, T·B ≥ −s (0 = exact; {@link #LBA_SLACK}
     *     = identif()'s 0.001, which lets fits whose exact zeros pin T = I show their near-ambiguity; the
     *     extremes may then have entries down to −s, which identif() clips and we do not)
     * @return extremes, verdict and supporting numbers
     * @throws IllegalArgumentException for shapes that do not agree, K &gt; {@value #MAX_COMPONENTS},
     *     negative or non-finite entries, rows not summing to 1, a bad tolerance or slack
     */
    public static IdentifiabilityReport analyze(Matrix a, Matrix b, double tolerance, long seed, double slack) {
        if (a == null || b == null) {
            throw new IllegalArgumentException("A and B must not be null");
        }
        if (a.cols() != b.rows()) {
            throw new IllegalArgumentException("A is " + a.rows() + "x" + a.cols() + " but B is " + b.rows() + "x"
                    + b.cols() + ": A's columns must equal B's rows (K)");
        }
        int k = a.cols();
        if (k < 1 || k > MAX_COMPONENTS) {
            throw new IllegalArgumentException("identifiability analysis supports 1 ≤ K ≤ " + MAX_COMPONENTS
                    + " (a random search over K(K−1) parameters), got K = " + k);
        }
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be finite and ≥ 0, got " + tolerance);
        }
        if (!(slack >= 0) || slack >= 1) {
            throw new IllegalArgumentException("slack must be in [0, 1), got " + slack);
        }
        double[][] aa = rowStochastic(a, "A (mixing parameters)");
        double[][] bb = rowStochastic(b, "B (latent budgets)");
        return new Identifiability(aa, bb, slack).run(tolerance, seed);
    }

    private static double[][] rowStochastic(Matrix m, String name) {
        double[][] x = m.toArray2d();
        for (int i = 0; i < x.length; i++) {
            double s = 0;
            for (int j = 0; j < x[i].length; j++) {
                double v = x[i][j];
                if (!(v >= 0) || Double.isInfinite(v)) {
                    throw new IllegalArgumentException(name + " must be finite and nonnegative: entry [" + i + "]["
                            + j + "] = " + v);
                }
                s += v;
            }
            if (Math.abs(s - 1) > 1e-6) {
                throw new IllegalArgumentException("row " + i + " of " + name + " sums to " + s + ", not 1: rescale "
                        + "the NMF factors first (LatentBudgets.fit does)");
            }
        }
        return x;
    }

    private IdentifiabilityReport run(double tolerance, long seed) {
        double[][] id = SmallMatrices.identity(k);
        IdentifiabilityReport.Extreme fitted = extreme(id);
        double[][] inner = id;
        double[][] outer = id;
        if (k > 1) {
            SplittableRandom rng = new SplittableRandom(seed);
            inner = search(1.0, rng);
            outer = search(-1.0, rng);
        }
        IdentifiabilityReport.Extreme in = extreme(inner);
        IdentifiabilityReport.Extreme out = extreme(outer);
        boolean unique = out.distance() - in.distance() <= tolerance * Math.max(out.distance(), 1e-300);
        return new IdentifiabilityReport(k, fitted, in, out,
                unique ? IdentifiabilityReport.Verdict.UNIQUE : IdentifiabilityReport.Verdict.NOT_UNIQUE,
                tolerance, pureColumns(), pureRows(), zerosPerColumn(a, k), zerosPerColumn(transpose(b), k), slack,
                out.logVolume() - in.logVolume(), evaluations);
    }

    private IdentifiabilityReport.Extreme extreme(double[][] t) {
        double[][] bt = SmallMatrices.multiply(t, b);
        double[][] at = SmallMatrices.multiply(a, SmallMatrices.inverse(t));
        return new IdentifiabilityReport.Extreme(Matrix.of(t), Matrix.of(at), Matrix.of(bt), distance(bt),
                SmallMatrices.logDetGram(bt, VOLUME_DELTA));
    }

    double distance(double[][] budgets) {
        double sum = 0;
        for (int p = 0; p < k; p++) {
            for (int q = p + 1; q < k; q++) {
                double d = 0;
                for (int j = 0; j < colWeights.length; j++) {
                    double diff = budgets[p][j] - budgets[q][j];
                    d += diff * diff / colWeights[j];
                }
                sum += Math.sqrt(d);
            }
        }
        return sum;
    }

    /** @return δ(T·B) if T is feasible, NaN otherwise */
    private double feasibleDistance(double[][] t) {
        double[][] bt = SmallMatrices.multiply(t, b);
        for (double[] row : bt) {
            for (double v : row) {
                if (v < -slack) {
                    return Double.NaN;
                }
            }
        }
        double[][] inv = SmallMatrices.inverse(t);
        if (inv == null) {
            return Double.NaN;
        }
        for (double[] row : a) {
            for (int c = 0; c < k; c++) {
                double v = 0;
                for (int l = 0; l < k; l++) {
                    v += row[l] * inv[l][c];
                }
                if (v < -slack) {
                    return Double.NaN;
                }
            }
        }
        evaluations++;
        return distance(bt);
    }

    /** Minimises sign·δ over the feasible set; the result is feasible. */
    private double[][] search(double sign, SplittableRandom rng) {
        double[][] best = SmallMatrices.identity(k);
        double bestValue = sign * feasibleDistance(best);
        for (int s = 0; s <= RANDOM_STARTS; s++) {
            double[][] start = s == 0 ? SmallMatrices.identity(k) : randomFeasible(rng);
            double value = sign * feasibleDistance(start);
            for (int restart = 0; restart < 3; restart++) {
                double[][] x = start;
                double fx = value;
                double sigma = restart == 0 ? 0.05 : 0.01;
                for (int it = 0; it < STEPS_PER_RUN && sigma > 1e-10; it++) {
                    double[][] y = step(x, sigma, rng);
                    double fy = sign * feasibleDistance(y);
                    if (fy < fx) {
                        x = y;
                        fx = fy;
                        sigma = Math.min(sigma * 2.0, 1.0);
                    } else {
                        sigma *= 0.84;
                    }
                }
                start = x;
                value = fx;
            }
            if (value < bestValue) {
                best = start;
                bestValue = value;
            }
        }
        return best;
    }

    private double[][] step(double[][] x, double sigma, SplittableRandom rng) {
        double[][] y = new double[k][k];
        for (int i = 0; i < k; i++) {
            double[] g = new double[k];
            double mean = 0;
            for (int j = 0; j < k; j++) {
                g[j] = gaussian(rng);
                mean += g[j] / k;
            }
            for (int j = 0; j < k; j++) {
                y[i][j] = x[i][j] + sigma * (g[j] - mean);
            }
        }
        return y;
    }

    /** A feasible point on a random ray from I (halving the step until feasible; I itself if none is). */
    private double[][] randomFeasible(SplittableRandom rng) {
        double[][] id = SmallMatrices.identity(k);
        double[][] dir = step(new double[k][k], 1.0, rng);
        double t = 1.0;
        for (int h = 0; h < 40; h++, t /= 2) {
            double[][] y = new double[k][k];
            double frac = t * rng.nextDouble();
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    y[i][j] = id[i][j] + frac * dir[i][j];
                }
            }
            if (!Double.isNaN(feasibleDistance(y))) {
                return y;
            }
        }
        return id;
    }

    private static double gaussian(SplittableRandom rng) {
        double u = 1.0 - rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    private static double[][] transpose(double[][] x) {
        double[][] t = new double[x[0].length][x.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[0].length; j++) {
                t[j][i] = x[i][j];
            }
        }
        return t;
    }

    private static int[] zerosPerColumn(double[][] x, int k) {
        int[] out = new int[k];
        for (double[] row : x) {
            for (int c = 0; c < k; c++) {
                if (row[c] <= ZERO) {
                    out[c]++;
                }
            }
        }
        return out;
    }

    private int[] pureColumns() {
        int[] out = new int[k];
        for (int j = 0; j < b[0].length; j++) {
            int owner = -1;
            int nonzero = 0;
            for (int c = 0; c < k; c++) {
                if (b[c][j] > ZERO) {
                    owner = c;
                    nonzero++;
                }
            }
            if (nonzero == 1) {
                out[owner]++;
            }
        }
        return out;
    }

    private int[] pureRows() {
        int[] out = new int[k];
        for (double[] row : a) {
            int owner = -1;
            int nonzero = 0;
            for (int c = 0; c < k; c++) {
                if (row[c] > ZERO) {
                    owner = c;
                    nonzero++;
                }
            }
            if (nonzero == 1) {
                out[owner]++;
            }
        }
        return out;
    }
}
