package dev.tacit.optim;

import java.util.Locale;

/** The optimizers tacit provides, by name on the command line. */
public enum OptimizerKind {
    /** Plain (full-batch) gradient descent: θ ← θ − η·g. */
    GD,
    /** GroupRMSprop of Arora et al. 2019: gradient descent with one adaptive global step. */
    GROUP_RMSPROP,
    /** Adam (Kingma &amp; Ba 2015). */
    ADAM;

    /** @return the name used on the command line ({@code gd}, {@code grouprmsprop}, {@code adam}) */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace("_", "");
    }

    /**
     * @param learningRate η &gt; 0
     * @return a fresh optimizer of this kind with its default settings
     */
    public Optimizer create(double learningRate) {
        return switch (this) {
            case GD -> new GradientDescent(learningRate);
            case GROUP_RMSPROP -> new GroupRmsProp(learningRate);
            case ADAM -> new Adam(learningRate);
        };
    }

    /** @param name cli name, case-insensitive, '-' and '_' ignored @return the kind */
    public static OptimizerKind parse(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        for (OptimizerKind k : values()) {
            if (k.cliName().equals(n)) {
                return k;
            }
        }
        if (n.equals("sgd")) {
            return GD;
        }
        throw new IllegalArgumentException("unknown optimizer '" + name + "' (expected gd, grouprmsprop or adam)");
    }
}
