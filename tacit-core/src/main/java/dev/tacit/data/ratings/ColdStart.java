package dev.tacit.data.ratings;

/**
 * Counts cold-start cases: test ratings (or requested pairs) whose user, or item, has no rating in the
 * train set and so can only be predicted from a bias or a global mean. Users and items are compared by
 * id string, so train and test may share id maps or not; with shared maps an id that is in the map but
 * has no train rating is cold.
 */
public final class ColdStart {

    private ColdStart() {
    }

    /** @return how many ratings of {@code test} have a user with no rating in {@code train} */
    public static int coldUsers(Ratings train, Ratings test) {
        boolean[] warm = rated(train.users(), train.numUsers());
        int[] t = Ratings.translate(test.userIds(), train.userIds());
        int cold = 0;
        for (int k = 0; k < test.size(); k++) {
            int u = t[test.user(k)];
            if (u < 0 || !warm[u]) {
                cold++;
            }
        }
        return cold;
    }

    /** @return how many ratings of {@code test} have an item with no rating in {@code train} */
    public static int coldItems(Ratings train, Ratings test) {
        boolean[] warm = rated(train.items(), train.numItems());
        int[] t = Ratings.translate(test.itemIds(), train.itemIds());
        int cold = 0;
        for (int k = 0; k < test.size(); k++) {
            int i = t[test.item(k)];
            if (i < 0 || !warm[i]) {
                cold++;
            }
        }
        return cold;
    }

    /** @return how many of the pairs have a user with no rating in {@code train} */
    public static int coldUsers(Ratings train, Pairs pairs) {
        boolean[] warm = rated(train.users(), train.numUsers());
        int cold = 0;
        for (String id : pairs.users()) {
            int u = train.userIds().indexOf(id);
            if (u < 0 || !warm[u]) {
                cold++;
            }
        }
        return cold;
    }

    /** @return how many of the pairs have an item with no rating in {@code train} */
    public static int coldItems(Ratings train, Pairs pairs) {
        boolean[] warm = rated(train.items(), train.numItems());
        int cold = 0;
        for (String id : pairs.items()) {
            int i = train.itemIds().indexOf(id);
            if (i < 0 || !warm[i]) {
                cold++;
            }
        }
        return cold;
    }

    private static boolean[] rated(int[] indices, int size) {
        boolean[] seen = new boolean[size];
        for (int k : indices) {
            seen[k] = true;
        }
        return seen;
    }
}
