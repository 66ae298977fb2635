package dev.tacit.completion;

import dev.tacit.data.ratings.IdMap;
import dev.tacit.data.ratings.Pairs;
import dev.tacit.data.ratings.Ratings;
import dev.tacit.fit.History;
import dev.tacit.io.ModelFile;
import dev.tacit.io.ModelFormatException;
import dev.tacit.linalg.Matrix;
import dev.tacit.model.factored.BiasTerms;
import dev.tacit.model.factored.FactoredProduct;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A fitted completion model: a {@link FactoredProduct} (ŷ_ui = μ + b_u + b_i + (U·H···Vᵀ)_ui) with the
 * id maps of its training data, the range of the training ratings and the training counts per user and
 * item. Predictions are by original ids and are clipped to [min, max] of the training ratings (never to
 * a hard-coded 1–5). A user (item) with no training rating is "cold": it gets μ + b_i (μ + b_u), or μ
 * when both are cold — never NaN.
 *
 * <p>Saved as a {@link ModelFile} of type {@value #MODEL_TYPE} (docs/MODEL_FORMAT.md): the settings and
 * μ, min, max, depth and bias terms in the header; arrays {@code factor_0…}, {@code user_counts},
 * {@code item_counts}, and the id lists {@code user_ids}, {@code item_ids}.
 */
public final class CompletionModel {

    /** Model type in saved files. */
    public static final String MODEL_TYPE = "tacit.completion";

    private final CompletionSettings settings;
    private final FactoredProduct product;
    private final IdMap users;
    private final IdMap items;
    private final int[] userCounts;
    private final int[] itemCounts;
    private final double min;
    private final double max;
    private final History history;
    private final FitSummary summary;

    CompletionModel(CompletionSettings settings, FactoredProduct product, IdMap users, IdMap items, int[] userCounts,
                    int[] itemCounts, double min, double max, History history, FitSummary summary) {
        this.settings = settings;
        this.product = product;
        this.users = users;
        this.items = items;
        this.userCounts = userCounts;
        this.itemCounts = itemCounts;
        this.min = min;
        this.max = max;
        this.history = history;
        this.summary = summary;
    }

    /**
     * @return the settings it was fitted with; for a model from {@link #load(Path)}, the method's defaults with
     *     the saved seed (the saved file keeps the fitted settings in its header, but they are not read back)
     */
    public CompletionSettings settings() {
        return settings;
    }

    /** @return the fitted factorization (read only) */
    public FactoredProduct product() {
        return product;
    }

    /** @return the training history (epochs; empty for a loaded model) */
    public History history() {
        return history;
    }

    /** @return how the fit went (epochs, stop reason, validation RMSE) */
    public FitSummary summary() {
        return summary;
    }

    /** @return lower clip of predictions (the smallest training rating) */
    public double min() {
        return min;
    }

    /** @return upper clip of predictions (the largest training rating) */
    public double max() {
        return max;
    }

    private int userIndex(String id) {
        int u = users.indexOf(id);
        return u >= 0 && u < userCounts.length && userCounts[u] > 0 ? u : -1;
    }

    private int itemIndex(String id) {
        int i = items.indexOf(id);
        return i >= 0 && i < itemCounts.length && itemCounts[i] > 0 ? i : -1;
    }

    private double predictIndices(int u, int i) {
        double p;
        if (u >= 0 && i >= 0) {
            p = product.predict(u, i);
        } else if (u >= 0) {
            p = product.predictColdColumn(u);
        } else {
            p = product.predictColdRow(i);
        }
        return Math.min(max, Math.max(min, p));
    }

    /**
     * @param user original user id
     * @param item original item id
     * @return the clipped prediction (cold ids get the bias prediction)
     */
    public double predict(String user, String item) {
        return predictIndices(userIndex(user), itemIndex(item));
    }

    /**
     * @param ratings pairs to predict (their ratings are ignored)
     * @return one prediction per rating, in order
     */
    public double[] predict(Ratings ratings) {
        double[] out = new double[ratings.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = predictIndices(userIndex(ratings.userId(k)), itemIndex(ratings.itemId(k)));
        }
        return out;
    }

    /**
     * @param pairs pairs to predict
     * @return one prediction per pair, in order
     */
    public double[] predict(Pairs pairs) {
        double[] out = new double[pairs.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = predictIndices(userIndex(pairs.users().get(k)), itemIndex(pairs.items().get(k)));
        }
        return out;
    }

    /**
     * Saves the model (atomically: a temp file, then a move).
     *
     * @param file target file
     * @throws IOException on write failure
     */
    public void save(Path file) throws IOException {
        ModelFile.Builder b = ModelFile.builder(MODEL_TYPE);
        settings.describe().forEach((k, v) -> {
            if (v instanceof Integer i) {
                b.put(k, (long) i);
            } else if (v instanceof Long l) {
                b.put(k, l);
            } else if (v instanceof Double d) {
                b.put(k, d);
            } else {
                b.put(k, String.valueOf(v));
            }
        });
        b.put("product_depth", (long) product.depth());
        b.put("bias_terms", product.biasTerms().name());
        b.put("mean", product.mean());
        b.put("min", min);
        b.put("max", max);
        b.put("rows", (long) product.rows());
        b.put("cols", (long) product.cols());
        List<Matrix> f = product.factors();
        b.put("factor_count", (long) f.size());
        for (int j = 0; j < f.size(); j++) {
            b.array("factor_" + j, f.get(j).toArray(), f.get(j).rows(), f.get(j).cols());
        }
        b.array("user_counts", userCounts);
        b.array("item_counts", itemCounts);
        b.strings("user_ids", users.ids().subList(0, userCounts.length));
        b.strings("item_ids", items.ids().subList(0, itemCounts.length));
        b.build().write(file);
    }

    /**
     * Loads a model saved by {@link #save(Path)}.
     *
     * @param file the file
     * @return the model (its history is empty)
     * @throws ModelFormatException if the file is not a valid completion model (message names the file)
     * @throws IOException on read failure
     */
    public static CompletionModel load(Path file) throws IOException {
        ModelFile mf = ModelFile.read(file);
        if (!MODEL_TYPE.equals(mf.modelType())) {
            throw new ModelFormatException(file, "not a completion model (type '" + mf.modelType() + "')");
        }
        try {
            CompletionMethod method = CompletionMethod.parse(mf.requireString("model"));
            CompletionSettings.Builder sb = CompletionSettings.defaults(method).toBuilder();
            if (mf.has("seed")) {
                sb.seed(mf.requireLong("seed"));
            }
            CompletionSettings settings = sb.build();
            int rows = (int) mf.requireLong("rows");
            int cols = (int) mf.requireLong("cols");
            int depth = (int) mf.requireLong("product_depth");
            BiasTerms bias = BiasTerms.valueOf(mf.requireString("bias_terms"));
            int n = (int) mf.requireLong("factor_count");
            List<Matrix> factors = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                int[] shape = mf.shape("factor_" + j);
                double[] v = mf.requireDoubles("factor_" + j);
                factors.add(Matrix.fromRowMajor(shape[0], shape[1], v));
            }
            FactoredProduct product = FactoredProduct.ofFactors(rows, cols, depth, bias, mf.requireDouble("mean"), factors);
            int[] userCounts = mf.requireInts("user_counts");
            int[] itemCounts = mf.requireInts("item_counts");
            IdMap users = IdMap.of(mf.requireStrings("user_ids"));
            IdMap items = IdMap.of(mf.requireStrings("item_ids"));
            if (userCounts.length != rows || itemCounts.length != cols || users.size() != rows || items.size() != cols) {
                throw new ModelFormatException(file, "inconsistent sizes: " + rows + "x" + cols + " model, "
                        + users.size() + " user ids, " + items.size() + " item ids");
            }
            return new CompletionModel(settings, product, users, items, userCounts, itemCounts,
                    mf.requireDouble("min"), mf.requireDouble("max"), History.empty(List.of("iteration")),
                    FitSummary.loaded());
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(file, e.getMessage());
        }
    }
}
