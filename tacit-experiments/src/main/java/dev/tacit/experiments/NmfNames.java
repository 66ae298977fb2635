package dev.tacit.experiments;

import dev.tacit.model.nmf.NmfInit;
import dev.tacit.model.nmf.NmfLoss;
import dev.tacit.model.nmf.NmfSolver;
import java.util.Locale;

/**
 * The command-line names of the NMF settings: solvers {@code hals} ({@link NmfSolver#COORDINATE_DESCENT}),
 * {@code mu} ({@link NmfSolver#MULTIPLICATIVE_UPDATE}), {@code minvol} ({@link NmfSolver#MIN_VOLUME}) and
 * {@code maxvol} ({@link NmfSolver#MAX_VOLUME});
 * losses {@code frobenius}, {@code kl}, {@code is}; inits {@code random}, {@code nndsvd}, {@code nndsvda},
 * {@code nndsvdar}, {@code spa}.
 */
public final class NmfNames {

    private NmfNames() {
    }

    /** @param s the solver @return its name */
    public static String name(NmfSolver s) {
        return switch (s) {
            case COORDINATE_DESCENT -> "hals";
            case MULTIPLICATIVE_UPDATE -> "mu";
            case MIN_VOLUME -> "minvol";
            case MAX_VOLUME -> "maxvol";
        };
    }

    /** @param l the loss @return its name */
    public static String name(NmfLoss l) {
        return switch (l) {
            case FROBENIUS -> "frobenius";
            case KULLBACK_LEIBLER -> "kl";
            case ITAKURA_SAITO -> "is";
        };
    }

    /** @param i the initialization @return its name */
    public static String name(NmfInit i) {
        return i.name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param s hals (also cd), mu, minvol or maxvol
     * @return the solver
     * @throws BadInputException for another name
     */
    public static NmfSolver solver(String s) throws BadInputException {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "hals", "cd" -> NmfSolver.COORDINATE_DESCENT;
            case "mu" -> NmfSolver.MULTIPLICATIVE_UPDATE;
            case "minvol" -> NmfSolver.MIN_VOLUME;
            case "maxvol" -> NmfSolver.MAX_VOLUME;
            default -> throw new BadInputException("--solver must be hals, mu, minvol or maxvol, got '" + s + "'");
        };
    }

    /**
     * @param s frobenius, kl or is
     * @return the loss
     * @throws BadInputException for another name
     */
    public static NmfLoss loss(String s) throws BadInputException {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "frobenius" -> NmfLoss.FROBENIUS;
            case "kl" -> NmfLoss.KULLBACK_LEIBLER;
            case "is" -> NmfLoss.ITAKURA_SAITO;
            default -> throw new BadInputException("--loss must be frobenius, kl or is, got '" + s + "'");
        };
    }

    /**
     * @param s random, nndsvd, nndsvda, nndsvdar or spa
     * @return the initialization
     * @throws BadInputException for another name
     */
    public static NmfInit init(String s) throws BadInputException {
        try {
            return NmfInit.valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--init must be random, nndsvd, nndsvda, nndsvdar or spa, got '" + s + "'");
        }
    }
}
