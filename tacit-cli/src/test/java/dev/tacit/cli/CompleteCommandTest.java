package dev.tacit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tacit complete}, {@code predict} and {@code inpaint} end to end on small synthetic files. */
class CompleteCommandTest {

    @TempDir
    Path tmp;

    private Path train;
    private Path test;


    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    /** A planted rank-2 rating matrix on 1..5 with string ids, split 90/10 by a seeded coin. */
    @BeforeEach
    void writeData() throws Exception {
        SplittableRandom rng = new SplittableRandom(4);
        int users = 60;
        int items = 40;
        double[][] u = new double[users][2];
        double[][] v = new double[items][2];
        for (double[] x : u) {
            x[0] = rng.nextGaussian();
            x[1] = rng.nextGaussian();
        }
        for (double[] x : v) {
            x[0] = rng.nextGaussian();
            x[1] = rng.nextGaussian();
        }
        List<String> a = new ArrayList<>(List.of("user,item,rating"));
        List<String> b = new ArrayList<>(List.of("user,item,rating"));
        for (int i = 0; i < users; i++) {
            for (int j = 0; j < items; j++) {
                if (rng.nextDouble() < 0.5) {
                    double r = Math.max(1, Math.min(5, Math.round(3 + 0.8 * (u[i][0] * v[j][0] + u[i][1] * v[j][1]))));
                    String line = "u" + i + ",item-" + j + "," + r;
                    (rng.nextDouble() < 0.9 ? a : b).add(line);
                }
            }
        }
        b.add("stranger,item-0,3"); // a cold user
        train = Files.write(tmp.resolve("train.csv"), a);
        test = Files.write(tmp.resolve("test.csv"), b);
    }

    @Test
    void aDivergedSingleFitExitsThree() throws Exception {
        Path out = tmp.resolve("out-diverged");
        CliRun r = run("complete", "--train", train.toString(), "--test", test.toString(), "--model", "mf",
                "--lr", "1e6", "--epochs", "20", "--out", out.toString());
        assertEquals(3, r.code(), r.err() + r.out());
        assertTrue(r.err().strip().startsWith("tacit: the fit diverged"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void implicitOptionIsRecordedInTheConfig() throws Exception {
        for (String implicit : List.of("both", "none")) {
            Path out = tmp.resolve("out-implicit-" + implicit);
            CliRun r = run("complete", "--train", train.toString(), "--test", test.toString(), "--implicit", implicit,
                    "--width", "8", "--out", out.toString());
            assertEquals(0, r.code(), r.err());
            String metrics = Files.readString(out.resolve("metrics.json"));
            assertTrue(metrics.contains("\"implicit\":\"" + implicit + "\""), metrics);
        }
        Path out = tmp.resolve("out-implicit-default");
        assertEquals(0, run("complete", "--train", train.toString(), "--test", test.toString(), "--width", "8",
                "--out", out.toString()).code());
        assertTrue(Files.readString(out.resolve("metrics.json")).contains("\"implicit\":\"both\""), "dmf default");
    }

    @Test
    void completeWritesMetricsPredictionsHistoryAndModelThenPredictReadsIt() throws Exception {
        for (String model : List.of("dmf", "udv", "mf", "als", "softimpute", "bias")) {
            Path out = tmp.resolve("out-" + model);
            CliRun r = run("complete", "--train", train.toString(), "--test", test.toString(), "--model", model,
                    "--out", out.toString());
            assertEquals(0, r.code(), model + ": " + r.err());
            String metrics = Files.readString(out.resolve("metrics.json"));
            for (String key : List.of("\"rmse\"", "\"mae\"", "\"n_train\"", "\"n_test\"", "\"cold_users\":1",
                    "\"cold_items\":0", "\"seconds\"", "\"config\"", "\"model\":\"" + model + "\"")) {
                assertTrue(metrics.contains(key), model + " metrics lacks " + key + ": " + metrics);
            }
            // softimpute's default rank 100 is capped at this 61 x 40 training matrix's 40, and metrics.json says so
            assertEquals(model.equals("softimpute"), metrics.contains("\"rank\":40"), model + ": " + metrics);
            List<String> preds = Files.readAllLines(out.resolve("predictions.csv"));
            assertEquals("user,item,rating,prediction", preds.get(0));
            assertTrue(preds.stream().anyMatch(l -> l.startsWith("stranger,item-0,3.0,")), "original ids kept");
            for (String l : preds.subList(1, preds.size())) {
                double p = Double.parseDouble(l.substring(l.lastIndexOf(',') + 1));
                assertTrue(p >= 1 && p <= 5, model + " prediction clipped to the training range: " + l);
            }
            assertTrue(Files.size(out.resolve("history.csv")) > 0);
            assertTrue(Files.exists(out.resolve("model.tacit")));
        }
        // the saved dmf model reproduces its own predictions through `tacit predict`
        Path pairs = Files.write(tmp.resolve("pairs.csv"), List.of("user,item", "u1,item-3", "stranger,item-0", "u2,nope"));
        Path pout = tmp.resolve("pred");
        CliRun p = run("predict", "--from", tmp.resolve("out-dmf").toString(), "--pairs", pairs.toString(), "--out",
                pout.toString());
        assertEquals(0, p.code(), p.err());
        List<String> lines = Files.readAllLines(pout.resolve("predictions.csv"));
        assertEquals(4, lines.size());
        for (String l : lines.subList(1, 4)) {
            double v = Double.parseDouble(l.substring(l.lastIndexOf(',') + 1));
            assertTrue(v >= 1 && v <= 5 && Double.isFinite(v), l);
        }
    }

    @Test
    void sameSeedSamePredictions() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertEquals(0, run("complete", "--train", train.toString(), "--test", test.toString(), "--out", a.toString()).code());
        assertEquals(0, run("complete", "--train", train.toString(), "--test", test.toString(), "--out", b.toString()).code());
        assertEquals(Files.readString(a.resolve("predictions.csv")), Files.readString(b.resolve("predictions.csv")));
    }

    @Test
    void crossValidationWritesFoldsWithMeanAndStd() throws Exception {
        Path out = tmp.resolve("cv");
        CliRun r = run("complete", "--data", train.toString(), "--folds", "3", "--model", "bias", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String metrics = Files.readString(out.resolve("metrics.json"));
        assertTrue(metrics.contains("\"folds\":[{"), metrics);
        assertTrue(metrics.contains("\"rmse_std\""), metrics);
        assertTrue(metrics.contains("\"mae_std\""), metrics);
        assertEquals(3, metrics.split("\"name\":\"fold-").length - 1);
        assertTrue(Files.readAllLines(out.resolve("predictions.csv")).get(0).startsWith("fold,"));
    }

    @Test
    void badInputIsOneLineExitTwoAndNothingWritten() throws Exception {
        Path out = tmp.resolve("never");
        Path bad = Files.writeString(tmp.resolve("bad.csv"), "user,item,rating\na,b,4\nc,d,x\n");
        Path nan = Files.writeString(tmp.resolve("nan.csv"), "a,b,4\nc,d,NaN\n");
        Path empty = Files.writeString(tmp.resolve("empty.csv"), "");
        Path tabs = Files.writeString(tmp.resolve("tabs.data"), "1\t2\t3\t100\n");
        Path dup = Files.writeString(tmp.resolve("dup.csv"), "a,b,4\nc,d,3\na,b,5\n");
        String[][] cases = {
            {"complete", "--train", tmp.resolve("missing.csv").toString(), "--test", test.toString()},
            {"complete", "--train", bad.toString(), "--test", test.toString()},
            {"complete", "--train", nan.toString(), "--test", test.toString()},
            {"complete", "--train", empty.toString(), "--test", test.toString()},
            {"complete", "--train", train.toString(), "--test", tabs.toString()},
            {"complete", "--train", dup.toString(), "--test", test.toString()},
            {"complete", "--train", train.toString(), "--test", test.toString(), "--model", "svdpp"},
            {"complete", "--train", train.toString(), "--test", test.toString(), "--depth", "0"},
            {"complete", "--train", train.toString(), "--test", test.toString(), "--lr", "-1"},
            {"complete", "--train", train.toString(), "--test", test.toString(), "--model", "udv", "--radius", "0"},
            {"complete", "--train", train.toString(), "--test", test.toString(), "--model", "udv", "--radius", "-2"},
            {"complete", "--train", train.toString(), "--test", test.toString(), "--model", "mf", "--radius", "2"},
            {"complete", "--train", train.toString(), "--test", test.toString(), "--duplicates", "first"},
            {"complete", "--train", train.toString(), "--test", test.toString(), "--implicit", "sideways"},
            {"complete", "--train", train.toString(), "--test", test.toString(), "--model", "mf", "--implicit", "both"},
            {"complete", "--data", train.toString(), "--folds", "1"},
            {"complete", "--data", train.toString(), "--test", test.toString()}, // test is not a part of data
            {"predict", "--from", tmp.toString(), "--pairs", test.toString()},
        };
        for (String[] c : cases) {
            String[] args = java.util.Arrays.copyOf(c, c.length + 2);
            args[c.length] = "--out";
            args[c.length + 1] = out.toString();
            CliRun r = run(args);
            assertEquals(2, r.code(), String.join(" ", c) + " -> " + r.err());
            assertEquals(1, r.err().strip().split("\n").length, "one line: " + r.err());
            assertTrue(r.err().startsWith("tacit: "), r.err());
            assertFalse(Files.exists(out) && Files.list(out).findAny().isPresent(), "nothing written for " + String.join(" ", c));
        }
        CliRun r = run("complete", "--train", bad.toString(), "--test", test.toString(), "--out", out.toString());
        assertTrue(r.err().contains("bad.csv:3"), "names file and line: " + r.err());
    }

    @Test
    void corruptedModelIsAClearError() throws Exception {
        Path out = tmp.resolve("m");
        assertEquals(0, run("complete", "--train", train.toString(), "--test", test.toString(), "--model", "bias",
                "--out", out.toString()).code());
        Path model = out.resolve("model.tacit");
        byte[] bytes = Files.readAllBytes(model);
        Files.write(model, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        CliRun r = run("predict", "--from", out.toString(), "--pairs", test.toString(), "--out", tmp.resolve("p").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("model.tacit"), r.err());
        assertFalse(Files.exists(tmp.resolve("p")));
    }

    @Test
    void inpaintWritesCompletedImageMaskAndPsnr() throws Exception {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(40, 30, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                img.getRaster().setSample(x, y, 0, (int) (100 + 60 * Math.sin(x / 7.0) * Math.cos(y / 5.0)));
            }
        }
        Path png = tmp.resolve("img.png");
        javax.imageio.ImageIO.write(img, "png", png.toFile());
        Path out = tmp.resolve("inpaint");
        CliRun r = run("inpaint", "--image", png.toString(), "--observed", "0.5", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(out.resolve("completed.png")));
        assertTrue(Files.exists(out.resolve("mask.png")));
        String metrics = Files.readString(out.resolve("metrics.json"), StandardCharsets.UTF_8);
        double psnr = Double.parseDouble(metrics.replaceAll(".*\"psnr\":([0-9.eE+-]+).*", "$1").strip());
        assertTrue(psnr > 20, "a smooth image is completed well from half its pixels: " + psnr);
        CliRun bad = run("inpaint", "--image", tmp.resolve("train.csv").toString(), "--out", tmp.resolve("x").toString());
        assertEquals(2, bad.code());
        assertFalse(Files.exists(tmp.resolve("x")));
        CliRun folder = run("inpaint", "--image", tmp.toString(), "--out", tmp.resolve("x").toString());
        assertEquals(2, folder.code());
        assertEquals("tacit: " + tmp + ": is a folder, not an image file", folder.err().strip());
        assertFalse(Files.exists(tmp.resolve("x")));
    }
}
