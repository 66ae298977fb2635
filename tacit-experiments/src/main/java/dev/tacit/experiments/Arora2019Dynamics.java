package dev.tacit.experiments;

import dev.tacit.fit.Trainer;
import dev.tacit.model.deep.Init;
import dev.tacit.optim.OptimizerKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Arora et al. 2019, Fig. 3: singular values of the end-to-end matrix over iterations for depths 1-3 from
 * the (balanced) identity initialization W(0) = 10⁻³·I, completion with 2000 of 100×100 entries. Deeper
 * factorizations learn the singular values one by one (incremental rank learning), as Theorem 3's factor
 * σ^{2−2/N} predicts. Logged every 100 iterations. The authors' README trains these runs with plain GD
 * (lr 0.01, 2·10⁵ iterations); we use GroupRMSprop lr 10⁻³ (as in Figs. 1-2) so that a run reaches the
 * tolerance in about 3·10⁴ iterations; the dynamics (order and timing of singular values) are the same.
 */
public final class Arora2019Dynamics extends AroraGrid {

    @Override
    public String id() {
        return "arora2019-dynamics";
    }

    @Override
    public String title() {
        return "Arora et al. 2019, singular-value dynamics from identity init (Fig. 3)";
    }

    @Override
    boolean sensing() {
        return false;
    }

    @Override
    Settings defaults(boolean q) {
        return new Settings(
                List.of(0L),
                100,
                5,
                List.of(2000),
                List.of(1, 2, 3),
                List.of(Method.DMF),
                List.of(1e-3),
                List.of(1e-3),
                q ? 30_000L : 200_000L,
                Trainer.DEFAULT_TOLERANCE,
                100,
                Init.IDENTITY, OptimizerKind.GROUP_RMSPROP);
    }

    @Override
    List<String> checks(Settings s, List<Map<String, String>> rows) {
        List<String> out = new ArrayList<>();
        out.add("reference (authors' notebook, Fig. 3, GD): minimum test error depth 1 / 2 / 3 = 0.8195 / 0.0988 / 0.00167");
        for (Map<String, String> r : rows) {
            out.add("depth " + r.get("depth") + ": final test error " + r.get("test_error") + ", effective rank "
                    + r.get("effective_rank") + " after " + r.get("iterations") + " iterations (" + r.get("stop_reason") + ")");
        }
        return out;
    }
}
