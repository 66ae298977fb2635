package dev.tacit.model.factored;

import dev.tacit.linalg.EntryPattern;
import dev.tacit.model.Parameterization;
import dev.tacit.objective.EntryLoss;
import dev.tacit.objective.Objective;
import java.util.Arrays;

/**
 * The observed ratings r_e at positions (u_e, i_e) ∈ Ω that the collaborative-filtering baseline rules
 * read from an {@link EntryLoss}, with the entries grouped by user (R(u) = {e : u_e = u}) and by item
 * (R(i) = {e : i_e = i}) in increasing entry order, so that every per-user and per-item sum is taken in
 * a fixed order (deterministic results). Also the argument checks these rules share.
 */
final class RatingData {

    final EntryPattern pattern;
    final double[] targets;
    final int[] user;
    final int[] item;
    final int[] userPtr; // entries of user u: byUser[userPtr[u] .. userPtr[u+1])
    final int[] byUser;
    final int[] itemPtr; // entries of item i: byItem[itemPtr[i] .. itemPtr[i+1])
    final int[] byItem;

    private RatingData(EntryPattern pattern, double[] targets) {
        this.pattern = pattern;
        this.targets = targets;
        int m = pattern.size();
        this.user = new int[m];
        this.item = new int[m];
        for (int e = 0; e < m; e++) {
            user[e] = pattern.row(e);
            item[e] = pattern.col(e);
        }
        this.userPtr = new int[pattern.rows() + 1];
        this.byUser = group(user, userPtr);
        this.itemPtr = new int[pattern.cols() + 1];
        this.byItem = group(item, itemPtr);
    }

    private static int[] group(int[] key, int[] ptr) {
        int n = ptr.length - 1;
        for (int k : key) {
            ptr[k + 1]++;
        }
        for (int i = 0; i < n; i++) {
            ptr[i + 1] += ptr[i];
        }
        int[] fill = Arrays.copyOf(ptr, n);
        int[] order = new int[key.length];
        for (int e = 0; e < key.length; e++) {
            order[fill[key[e]]++] = e;
        }
        return order;
    }

    /**
     * Reads the ratings of an {@link EntryLoss} whose matrix has the model's shape.
     *
     * @param objective must be an {@link EntryLoss}
     * @param model the model it will train
     * @param rule the rule's name, for messages
     * @return the grouped ratings
     */
    static RatingData of(Objective objective, FactoredProduct model, String rule) {
        if (!(objective instanceof EntryLoss loss)) {
            throw new IllegalArgumentException(rule + " needs an EntryLoss (observed ratings with targets), got "
                    + objective);
        }
        if (loss.rows() != model.rows() || loss.cols() != model.cols()) {
            throw new IllegalArgumentException("objective is " + loss.rows() + "x" + loss.cols()
                    + " but the model is " + model.rows() + "x" + model.cols());
        }
        return new RatingData(loss.pattern(), loss.targets());
    }

    /**
     * Checks that a parameterization is a depth-2 {@link FactoredProduct} with allowed offsets.
     *
     * @param p the parameterization
     * @param rule the rule's name, for messages
     * @param allowed offsets the rule handles
     * @return p as a FactoredProduct
     */
    static FactoredProduct model(Parameterization p, String rule, BiasTerms... allowed) {
        if (!(p instanceof FactoredProduct fp)) {
            throw new IllegalArgumentException(rule + " trains a FactoredProduct of depth 2, got " + p);
        }
        if (fp.depth() != 2) {
            throw new IllegalArgumentException(rule + " trains W = U·Vᵀ (depth 2), got depth " + fp.depth());
        }
        if (!Arrays.asList(allowed).contains(fp.biasTerms())) {
            throw new IllegalArgumentException(rule + " handles bias terms " + Arrays.toString(allowed) + ", got "
                    + fp.biasTerms());
        }
        return fp;
    }

    /** @return the number of ratings m */
    int size() {
        return targets.length;
    }

    /**
     * Splits [0, n) into two ranges holding about the same number of entries, for {@code Workers.run}.
     *
     * @param ptr userPtr or itemPtr
     * @return the split point
     */
    static int balancedSplit(int[] ptr) {
        int n = ptr.length - 1;
        int total = ptr[n];
        int split = 0;
        while (split < n && ptr[split] < total / 2) {
            split++;
        }
        return split;
    }
}
