package dev.tacit.completion;

/**
 * Prediction errors on n ratings:
 *
 * <pre>
 *   RMSE = √((1/n) Σ (ŷ_k − y_k)²),     MAE = (1/n) Σ |ŷ_k − y_k|
 * </pre>
 *
 * @param rmse root-mean-square error
 * @param mae mean absolute error
 * @param n number of ratings
 */
public record Metrics(double rmse, double mae, int n) {

    /**
     * @param predictions ŷ
     * @param actual y (same length, ≥ 1)
     * @return the errors
     */
    public static Metrics of(double[] predictions, double[] actual) {
        if (predictions.length != actual.length || actual.length == 0) {
            throw new IllegalArgumentException("need equally many (≥ 1) predictions and ratings, got "
                    + predictions.length + " and " + actual.length);
        }
        double s2 = 0;
        double s1 = 0;
        for (int k = 0; k < actual.length; k++) {
            double r = predictions[k] - actual[k];
            s2 += r * r;
            s1 += Math.abs(r);
        }
        return new Metrics(Math.sqrt(s2 / actual.length), s1 / actual.length, actual.length);
    }
}
