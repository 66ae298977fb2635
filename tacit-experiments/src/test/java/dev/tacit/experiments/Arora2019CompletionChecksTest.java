package dev.tacit.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Arora2019CompletionChecksTest {

    private static Map<String, String> row(String method, int depth, int m, String testError) {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("method", method);
        r.put("depth", Integer.toString(depth));
        r.put("observations", Integer.toString(m));
        r.put("init_scale", method.equals("nnm") ? "" : AroraGrid.num(1e-3));
        r.put("lr", method.equals("nnm") ? "" : AroraGrid.num(1e-3));
        r.put("seed", "0");
        r.put("test_error", testError);
        r.put("effective_rank", "5");
        r.put("nuclear_norm", "219");
        r.put("truth_effective_rank", "4.9");
        r.put("truth_nuclear_norm", "220");
        return r;
    }

    private static List<Map<String, String>> quickRows(String depth3Error) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (int m : new int[] {2000, 5000}) {
            rows.add(row("dmf", 1, m, "0.8"));
            rows.add(row("dmf", 2, m, m == 2000 ? "0.05" : "1e-5"));
            rows.add(row("dmf", 3, m, m == 2000 ? depth3Error : "1e-5"));
            rows.add(row("nnm", 0, m, m == 2000 ? "0.04" : "1e-6"));
        }
        return rows;
    }

    @Test
    void everyCheckOfTheQuickGridIsPrintedAndPassesOnReferenceLikeNumbers() {
        Arora2019Completion e = new Arora2019Completion();
        List<String> checks = e.checks(e.defaults(true), quickRows("1.6e-5"));
        // m=2000: 6 checks; m=5000: depths 2, 3 and the baseline (depth 4 was not run)
        assertEquals(9, checks.size(), String.join("\n", checks));
        assertTrue(checks.stream().allMatch(c -> c.startsWith("PASS")), String.join("\n", checks));
    }

    @Test
    void aDivergedDepth3RunFailsItsChecksInsteadOfDroppingThem() {
        Arora2019Completion e = new Arora2019Completion();
        List<String> checks = e.checks(e.defaults(true), quickRows("NaN"));
        assertEquals(9, checks.size(), String.join("\n", checks));
        assertTrue(checks.stream().anyMatch(c -> c.startsWith("FAIL") && c.contains("depth 3 error")),
                String.join("\n", checks));
    }

    @Test
    void anotherOptimizerIsNotJudgedAgainstTheGroupRmsPropReferences() {
        Arora2019Completion e = new Arora2019Completion();
        AroraGrid.Settings q = e.defaults(true);
        AroraGrid.Settings gd = new AroraGrid.Settings(q.seeds(), q.n(), q.rank(), q.observations(), q.depths(),
                q.methods(), q.initScales(), q.learningRates(), q.maxIterations(), q.tolerance(), q.logEvery(),
                q.init(), dev.tacit.optim.OptimizerKind.GD);
        List<String> checks = e.checks(gd, quickRows("1.6e-5"));
        assertEquals(1, checks.size(), String.join("\n", checks));
        assertTrue(checks.get(0).endsWith("not evaluated"), checks.get(0));
    }

    @Test
    void aRunWithoutTheReferenceCellsSaysSoInsteadOfPrintingNothing() {
        Arora2019Completion e = new Arora2019Completion();
        List<Map<String, String>> rows = new ArrayList<>();
        for (Map<String, String> r : quickRows("1.6e-5")) {
            if (r.get("method").equals("dmf")) {
                r.put("init_scale", AroraGrid.num(1e-4));
            }
            rows.add(r);
        }
        List<String> checks = e.checks(e.defaults(true), rows);
        assertTrue(checks.stream().anyMatch(c -> c.contains("init 1e-3 and lr 1e-3") && c.endsWith("not evaluated")),
                String.join("\n", checks));
        assertTrue(checks.stream().noneMatch(c -> c.contains("depth 3 error")), String.join("\n", checks));
    }
}
