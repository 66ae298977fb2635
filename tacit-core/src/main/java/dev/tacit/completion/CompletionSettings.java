package dev.tacit.completion;

import dev.tacit.model.factored.AlsRule;
import dev.tacit.model.factored.BiasBaselineRule;
import dev.tacit.model.factored.BiasTerms;
import dev.tacit.model.factored.BiasedMfSgdRule;
import dev.tacit.model.factored.ImplicitFeedback;
import dev.tacit.model.factored.SoftImputePath;
import dev.tacit.model.factored.SoftImputeRule;
import dev.tacit.optim.OptimizerKind;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything that determines a completion fit: the method, its hyperparameters and the seed. Immutable;
 * {@link #defaults(CompletionMethod)} gives each method's defaults (defined here, once) and
 * {@link #toBuilder()} overrides them. Fields a method does not use are ignored by it and left out of
 * {@link #describe()}.
 *
 * <p>Defaults of {@link CompletionMethod#DMF} are the best settings measured on MovieLens 100K
 * (docs/BENCHMARKS.md, MovieLens 100K u1–u5; depth 2 beat depths 3 and 4 there): depth {@value #DMF_DEPTH}, width {@value #DMF_WIDTH}, init scale
 * {@value #DMF_INIT_SCALE}, Adam with learning rate {@value #DMF_LEARNING_RATE} on mini-batches of
 * {@value #DMF_BATCH_SIZE}, early stopping on a seeded validation split
 * with patience {@value #DMF_PATIENCE} epochs ({@value #DMF_DEEP_PATIENCE} at depth ≥ 3, unless set), no explicit penalty on the factors, and the average of
 * {@value #DMF_ENSEMBLE} such runs (seeds Seeds.derive(s, e): s, then hashed), each holding out its own seeded
 * {@value #DMF_VALIDATION_FRACTION} validation split. The outer factors carry two-sided implicit feedback
 * ({@link ImplicitFeedback#USERS_AND_ITEMS}, SVD++-style, Koren 2008: P = U + N·Y, Q = V + R·Z, Y and Z stepped
 * once per epoch with learning rate {@value #DMF_IMPLICIT_LEARNING_RATE}); it took the u1 RMSE from 0.9204 to
 * 0.8956 and the mean over u1–u5 from 0.9093 to 0.8904.
 */
public final class CompletionSettings {

    /** Default DMF depth N. */
    public static final int DMF_DEPTH = 2;
    /** Default DMF hidden width k. */
    public static final int DMF_WIDTH = 128;
    /** Default DMF init scale. */
    public static final double DMF_INIT_SCALE = 1e-3;
    /** Default DMF learning rate (Adam). */
    public static final double DMF_LEARNING_RATE = 1e-3;
    /** Default DMF mini-batch size (0 = full batch). */
    public static final int DMF_BATCH_SIZE = 1000;
    /** Default DMF epoch budget. */
    public static final int DMF_MAX_EPOCHS = 200;
    /**
     * Default early-stopping patience of dmf at depth ≤ 2, in epochs. On MovieLens 100K u1–u5 patience 3 and 5 keep
     * the same best epoch in every run (identical RMSE) and 3 takes about 25 % less time.
     */
    public static final int DMF_PATIENCE = 3;
    /**
     * Default early-stopping patience of dmf and udv at depth ≥ 3, in epochs: deeper products from small init leave
     * their first plateau later, and with patience 3 one depth-3 run on u1 stopped on it (RMSE 0.960).
     */
    public static final int DMF_DEEP_PATIENCE = 5;
    /** Default number of averaged DMF runs. */
    public static final int DMF_ENSEMBLE = 3;
    /** Default DMF validation fraction (each ensemble member holds out its own split). */
    public static final double DMF_VALIDATION_FRACTION = 0.02;
    /** Default DMF implicit feedback (other methods: {@link ImplicitFeedback#NONE}). */
    public static final ImplicitFeedback DMF_IMPLICIT_FEEDBACK = ImplicitFeedback.USERS_AND_ITEMS;
    /** Default learning rate of the implicit-feedback factors Y, Z (one step per epoch). */
    public static final double DMF_IMPLICIT_LEARNING_RATE = 5e-3;
    /**
     * Default radius α of the Frobenius balls of U and V for {@link CompletionMethod#UDV}: a ball of radius α
     * holds a users×k factor with entries of typical size α/√(users·k); α = {@value #UDV_RADIUS} keeps them
     * O(0.1) for MovieLens-sized data so that Adam's per-coordinate steps (≈ lr) are small relative to them.
     */
    public static final double UDV_RADIUS = 30.0;
    /** Default validation fraction for SoftImpute's λ selection. */
    public static final double VALIDATION_FRACTION = 0.05;

    private final CompletionMethod method;
    private final int depth;
    private final int width;
    private final double initScale;
    private final OptimizerKind optimizer;
    private final double learningRate;
    private final int batchSize;
    private final int maxEpochs;
    private final int patience;
    private final boolean patienceByDepth;
    private final double validationFraction;
    private final double regularization;
    private final int ensemble;
    private final BiasTerms biasTerms;
    private final double radius;
    private final ImplicitFeedback implicitFeedback;
    private final double implicitLearningRate;
    private final long seed;

    private CompletionSettings(Builder b) {
        this.method = b.method;
        this.depth = b.depth;
        this.width = b.width;
        this.initScale = b.initScale;
        this.optimizer = b.optimizer;
        this.learningRate = b.learningRate;
        this.batchSize = b.batchSize;
        this.maxEpochs = b.maxEpochs;
        this.patienceByDepth = b.patience == 0;
        this.patience = b.patience != 0 ? b.patience : defaultPatience(b.method, b.depth);
        this.validationFraction = b.validationFraction;
        this.regularization = b.regularization;
        this.ensemble = b.ensemble;
        this.biasTerms = b.biasTerms;
        this.radius = b.radius;
        this.implicitFeedback = b.implicitFeedback;
        this.implicitLearningRate = b.implicitLearningRate;
        this.seed = b.seed;
    }

    /**
     * @param method the method
     * @param depth the depth
     * @return the early-stopping patience used when none is set: {@value #DMF_PATIENCE} epochs for dmf at depth ≤ 2,
     *     {@value #DMF_DEEP_PATIENCE} for deeper products; no early stopping (the budget) for the other methods
     */
    public static int defaultPatience(CompletionMethod method, int depth) {
        if (method == CompletionMethod.DMF || method == CompletionMethod.UDV) {
            return depth >= 3 ? DMF_DEEP_PATIENCE : DMF_PATIENCE;
        }
        return Integer.MAX_VALUE;
    }

    /**
     * @param method the method
     * @return its default settings
     */
    public static CompletionSettings defaults(CompletionMethod method) {
        Builder b = new Builder(method);
        switch (method) {
            case DMF -> b.depth(DMF_DEPTH).width(DMF_WIDTH).initScale(DMF_INIT_SCALE).optimizer(OptimizerKind.ADAM)
                    .learningRate(DMF_LEARNING_RATE).batchSize(DMF_BATCH_SIZE).maxEpochs(DMF_MAX_EPOCHS)
                    .regularization(0.0).validationFraction(DMF_VALIDATION_FRACTION)
                    .ensemble(DMF_ENSEMBLE).implicitFeedback(DMF_IMPLICIT_FEEDBACK); // patience: by depth
            case UDV -> b.depth(3).width(DMF_WIDTH).initScale(DMF_INIT_SCALE).optimizer(OptimizerKind.ADAM)
                    .learningRate(DMF_LEARNING_RATE).batchSize(DMF_BATCH_SIZE).maxEpochs(DMF_MAX_EPOCHS)
                    .regularization(0.0).validationFraction(DMF_VALIDATION_FRACTION)
                    .ensemble(DMF_ENSEMBLE).radius(UDV_RADIUS); // patience: by depth
            case MF -> b.depth(2).width(BiasedMfSgdRule.DEFAULT_FACTORS).initScale(BiasedMfSgdRule.DEFAULT_INIT_STD)
                    .learningRate(BiasedMfSgdRule.DEFAULT_LEARNING_RATE).regularization(BiasedMfSgdRule.DEFAULT_REGULARIZATION)
                    .maxEpochs(BiasedMfSgdRule.DEFAULT_EPOCHS).batchSize(1).patience(Integer.MAX_VALUE).validationFraction(0);
            case ALS -> b.depth(2).width(AlsRule.DEFAULT_RANK).regularization(AlsRule.DEFAULT_REG)
                    .maxEpochs(AlsRule.DEFAULT_ITERATIONS).patience(Integer.MAX_VALUE).validationFraction(0);
            case SOFTIMPUTE -> b.depth(2).width(SoftImputeRule.DEFAULT_RANK).maxEpochs(SoftImputePath.DEFAULT_MAX_SWEEPS)
                    .patience(Integer.MAX_VALUE);
            case BIAS -> b.depth(2).width(1).maxEpochs(BiasBaselineRule.DEFAULT_EPOCHS).patience(Integer.MAX_VALUE)
                    .validationFraction(0);
            default -> throw new IllegalStateException(method.toString());
        }
        return b.build();
    }

    /** @return a builder starting from these settings */
    public Builder toBuilder() {
        Builder b = new Builder(method);
        b.depth = depth;
        b.width = width;
        b.initScale = initScale;
        b.optimizer = optimizer;
        b.learningRate = learningRate;
        b.batchSize = batchSize;
        b.maxEpochs = maxEpochs;
        b.patience = patienceByDepth ? 0 : patience;
        b.validationFraction = validationFraction;
        b.regularization = regularization;
        b.ensemble = ensemble;
        b.biasTerms = biasTerms;
        b.radius = radius;
        b.implicitFeedback = implicitFeedback;
        b.implicitLearningRate = implicitLearningRate;
        b.seed = seed;
        return b;
    }

    /** @return the method */
    public CompletionMethod method() {
        return method;
    }

    /** @return depth N (DMF) */
    public int depth() {
        return depth;
    }

    /** @return hidden width k (DMF), number of factors (MF) or rank (ALS, SoftImpute) */
    public int width() {
        return width;
    }

    /** @return init scale (DMF: of the product; MF: standard deviation of the factors) */
    public double initScale() {
        return initScale;
    }

    /** @return the optimizer (DMF) */
    public OptimizerKind optimizer() {
        return optimizer;
    }

    /** @return learning rate (DMF, MF) */
    public double learningRate() {
        return learningRate;
    }

    /** @return mini-batch size, 0 = full batch (DMF) */
    public int batchSize() {
        return batchSize;
    }

    /** @return epochs / sweeps budget */
    public int maxEpochs() {
        return maxEpochs;
    }

    /** @return early-stopping patience in epochs (DMF) */
    public int patience() {
        return patience;
    }

    /** @return fraction of the training ratings held out for validation (0 = none) */
    public double validationFraction() {
        return validationFraction;
    }

    /** @return L2 strength λ (MF, ALS; 0 for DMF) */
    public double regularization() {
        return regularization;
    }

    /** @return number of DMF runs (seeds {@code Seeds.derive(s, e)}) whose predictions are averaged; 1 = a single run */
    public int ensemble() {
        return ensemble;
    }

    /**
     * @return DMF offsets: {@link BiasTerms#MEAN_AND_BIASES} (default) fits shrunk user/item biases first and
     *     the product to the residuals; {@link BiasTerms#MEAN} subtracts the mean only; {@link BiasTerms#NONE}
     *     fits the raw ratings
     */
    public BiasTerms biasTerms() {
        return biasTerms;
    }

    /** @return radius α of the balls of U and V ({@link CompletionMethod#UDV}) */
    public double radius() {
        return radius;
    }

    /**
     * @return implicit feedback on the outer factors ({@link CompletionMethod#DMF} only; see
     *     {@link #effectiveImplicitFeedback()})
     */
    public ImplicitFeedback implicitFeedback() {
        return implicitFeedback;
    }

    /**
     * @return the implicit feedback actually applied: {@link #implicitFeedback()} for DMF of depth ≥ 2,
     *     {@link ImplicitFeedback#NONE} otherwise (depth 1 has no outer factors)
     */
    public ImplicitFeedback effectiveImplicitFeedback() {
        return method == CompletionMethod.DMF && depth >= 2 ? implicitFeedback : ImplicitFeedback.NONE;
    }

    /** @return learning rate of the implicit-feedback factors Y, Z */
    public double implicitLearningRate() {
        return implicitLearningRate;
    }

    /** @return the seed of the validation split, the init and the batch order */
    public long seed() {
        return seed;
    }

    /** @return the settings this method uses, by name, for metrics.json and saved models */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", method.cliName());
        switch (method) {
            case DMF -> {
                m.put("depth", depth);
                m.put("width", width);
                describeProductTraining(m);
                m.put("implicit", effectiveImplicitFeedback().cliName());
                if (effectiveImplicitFeedback() != ImplicitFeedback.NONE) {
                    m.put("implicit_lr", implicitLearningRate);
                }
            }
            case UDV -> {
                m.put("width", width);
                m.put("radius", radius);
                describeProductTraining(m);
            }
            case MF -> {
                m.put("factors", width);
                m.put("init_std", initScale);
                m.put("lr", learningRate);
                m.put("reg", regularization);
                m.put("epochs", maxEpochs);
            }
            case ALS -> {
                m.put("rank", width);
                m.put("reg", regularization);
                m.put("iterations", maxEpochs);
            }
            case SOFTIMPUTE -> {
                m.put("rank", width);
                m.put("max_sweeps", maxEpochs);
                m.put("validation_fraction", validationFraction);
            }
            case BIAS -> m.put("epochs", maxEpochs);
            default -> throw new IllegalStateException(method.toString());
        }
        m.put("seed", seed);
        return m;
    }

    /** The training settings dmf and udv share, in the order of metrics.json. */
    private void describeProductTraining(Map<String, Object> m) {
        m.put("init_scale", initScale);
        m.put("optimizer", optimizer.cliName());
        m.put("lr", learningRate);
        m.put("batch_size", batchSize);
        m.put("max_epochs", maxEpochs);
        m.put("patience", patience);
        m.put("validation_fraction", validationFraction);
        m.put("ensemble", ensemble);
        m.put("bias", biasTerms.name().toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public String toString() {
        return describe().toString();
    }

    /** Builder; every setter validates its argument and names it in the message. */
    public static final class Builder {
        private final CompletionMethod method;
        private int depth = DMF_DEPTH;
        private int width = DMF_WIDTH;
        private double initScale = DMF_INIT_SCALE;
        private OptimizerKind optimizer = OptimizerKind.ADAM;
        private double learningRate = DMF_LEARNING_RATE;
        private int batchSize = DMF_BATCH_SIZE;
        private int maxEpochs = DMF_MAX_EPOCHS;
        private int patience; // 0: the default for the depth (dmf, udv)
        private double validationFraction = VALIDATION_FRACTION;
        private double regularization;
        private int ensemble = DMF_ENSEMBLE;
        private BiasTerms biasTerms = BiasTerms.MEAN_AND_BIASES;
        private double radius = UDV_RADIUS;
        private ImplicitFeedback implicitFeedback = ImplicitFeedback.NONE;
        private double implicitLearningRate = DMF_IMPLICIT_LEARNING_RATE;
        private long seed;

        private Builder(CompletionMethod method) {
            this.method = method;
        }

        /** @param n depth ≥ 1 @return this */
        public Builder depth(int n) {
            this.depth = atLeastOne(n, "depth");
            return this;
        }

        /** @param k width / rank ≥ 1 @return this */
        public Builder width(int k) {
            this.width = atLeastOne(k, "width");
            return this;
        }

        /** @param s init scale &gt; 0 @return this */
        public Builder initScale(double s) {
            this.initScale = positive(s, "init scale");
            return this;
        }

        /** @param kind optimizer @return this */
        public Builder optimizer(OptimizerKind kind) {
            this.optimizer = java.util.Objects.requireNonNull(kind, "optimizer");
            return this;
        }

        /** @param lr learning rate &gt; 0 @return this */
        public Builder learningRate(double lr) {
            this.learningRate = positive(lr, "learning rate");
            return this;
        }

        /** @param b mini-batch size ≥ 0 (0 = full batch) @return this */
        public Builder batchSize(int b) {
            if (b < 0) {
                throw new IllegalArgumentException("batch size must be non-negative, got " + b);
            }
            this.batchSize = b;
            return this;
        }

        /** @param n epoch budget ≥ 1 @return this */
        public Builder maxEpochs(int n) {
            this.maxEpochs = atLeastOne(n, "max epochs");
            return this;
        }

        /** @param p patience ≥ 1 @return this */
        public Builder patience(int p) {
            this.patience = atLeastOne(p, "patience");
            return this;
        }

        /** @param f validation fraction in [0, 0.5] @return this */
        public Builder validationFraction(double f) {
            if (!(f >= 0 && f <= 0.5)) {
                throw new IllegalArgumentException("validation fraction must be in [0, 0.5], got " + f);
            }
            this.validationFraction = f;
            return this;
        }

        /** @param lambda L2 strength ≥ 0 @return this */
        public Builder regularization(double lambda) {
            if (!(lambda >= 0) || !Double.isFinite(lambda)) {
                throw new IllegalArgumentException("regularization must be non-negative, got " + lambda);
            }
            this.regularization = lambda;
            return this;
        }

        /** @param e number of averaged DMF runs ≥ 1 @return this */
        public Builder ensemble(int e) {
            this.ensemble = atLeastOne(e, "ensemble");
            return this;
        }

        /** @param alpha radius of the balls of U and V (UDV), &gt; 0 and finite @return this */
        public Builder radius(double alpha) {
            if (!(alpha > 0) || !Double.isFinite(alpha)) {
                throw new IllegalArgumentException("radius must be positive and finite, got " + alpha);
            }
            this.radius = alpha;
            return this;
        }

        /** @param terms DMF offsets @return this */
        public Builder biasTerms(BiasTerms terms) {
            this.biasTerms = java.util.Objects.requireNonNull(terms, "bias terms");
            return this;
        }

        /** @param f implicit feedback on the outer factors (DMF) @return this */
        public Builder implicitFeedback(ImplicitFeedback f) {
            this.implicitFeedback = java.util.Objects.requireNonNull(f, "implicit feedback");
            return this;
        }

        /** @param lr learning rate of the implicit-feedback factors, &gt; 0 @return this */
        public Builder implicitLearningRate(double lr) {
            this.implicitLearningRate = positive(lr, "implicit learning rate");
            return this;
        }

        /** @param s seed @return this */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        private static int atLeastOne(int value, String what) {
            if (value < 1) {
                throw new IllegalArgumentException(what + " must be at least 1, got " + value);
            }
            return value;
        }

        private static double positive(double value, String what) {
            if (!(value > 0) || !Double.isFinite(value)) {
                throw new IllegalArgumentException(what + " must be positive, got " + value);
            }
            return value;
        }

        /** @return the settings */
        public CompletionSettings build() {
            if ((method == CompletionMethod.DMF || method == CompletionMethod.UDV) && validationFraction == 0) {
                throw new IllegalArgumentException(method.cliName() + " stops early on a validation split: validation fraction must be > 0");
            }
            if (method == CompletionMethod.SOFTIMPUTE && validationFraction == 0) {
                throw new IllegalArgumentException(method.cliName() + " picks λ on a validation split: validation fraction must be > 0");
            }
            if (method != CompletionMethod.DMF && implicitFeedback != ImplicitFeedback.NONE) {
                throw new IllegalArgumentException("implicit feedback applies to dmf only, not " + method.cliName());
            }
            return new CompletionSettings(this);
        }
    }
}
