package dev.tacit.experiments;

import java.util.Locale;

/** The methods an Arora et al. experiment compares. */
public enum Method {
    /** Deep matrix factorization trained by a gradient method. */
    DMF,
    /** Nuclear-norm minimization subject to the observations (within 1e-3). */
    NNM;

    /** @return the name in results and on the command line */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @param s name @return the method @throws BadInputException if unknown */
    public static Method parse(String s) throws BadInputException {
        for (Method m : values()) {
            if (m.id().equalsIgnoreCase(s.trim())) {
                return m;
            }
        }
        throw new BadInputException("unknown method '" + s + "' (expected dmf or nnm)");
    }
}
