package dev.tacit.model.factored;

/** The order in which an SGD epoch visits the ratings. */
public enum VisitOrder {
    /** A fresh seeded Fisher–Yates shuffle every epoch (the usual SGD practice). */
    SHUFFLED,
    /**
     * User by user, each user's ratings in input order, the same every epoch: Surprise's order (its
     * {@code Trainset.all_ratings()} walks the user → ratings map). The user's factors stay in cache, so an
     * epoch is faster.
     */
    BY_USER
}
