package dev.tacit.experiments;

import dev.tacit.completion.CompletionModel;
import dev.tacit.completion.CompletionSettings;
import dev.tacit.completion.Completer;
import dev.tacit.data.ratings.IdMap;
import dev.tacit.data.ratings.Ratings;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * {@code tacit inpaint}: completes a grayscale image from a random fraction of its pixels. The image is
 * read as an h×w matrix of intensities in [0, 255] (color images by their luminance, 0.299R + 0.587G +
 * 0.114B); a seeded uniform sample of round(p·h·w) pixels is observed; the completion method fits those
 * as ratings (row, column, intensity) and predicts every pixel. Writes {@code completed.png},
 * {@code mask.png} (observed pixels as they are, missing ones black) and {@code metrics.json} with
 *
 * <pre>
 *   PSNR = 10·log10(255² / MSE)   over the missing pixels ("psnr") and over all pixels ("psnr_all")
 * </pre>
 *
 * plus the seconds of fitting and predicting and the config. All or nothing, as every command.
 */
public final class InpaintJob {

    /**
     * What to run.
     *
     * @param image input image (PNG, or any format javax.imageio reads)
     * @param observed fraction of observed pixels in (0, 1)
     * @param settings completion method and hyperparameters (its seed also draws the mask)
     * @param out output folder
     */
    public record Request(Path image, double observed, CompletionSettings settings, Path out) {
    }

    /**
     * The outcome.
     *
     * @param psnr PSNR over the missing pixels, dB
     * @param psnrAll PSNR over all pixels, dB
     * @param observedPixels number of observed pixels
     * @param seconds fit plus prediction
     */
    public record Result(double psnr, double psnrAll, int observedPixels, double seconds) {
    }

    private InpaintJob() {
    }

    /**
     * @param r request
     * @param progress progress display
     * @return PSNRs and time
     * @throws BadInputException unreadable image or bad fraction (nothing written)
     * @throws IOException on write failure
     */
    public static Result run(Request r, Progress progress) throws BadInputException, IOException {
        if (!(r.observed() > 0 && r.observed() < 1)) {
            throw new BadInputException("--observed must be a fraction in (0, 1), got " + r.observed());
        }
        double[][] pixels = read(r.image());
        int h = pixels.length;
        int w = pixels[0].length;
        int n = h * w;
        int m = (int) Math.round(r.observed() * n);
        if (m < 2) {
            throw new BadInputException(r.image() + ": too few observed pixels (" + m + ")");
        }
        boolean[] seen = new boolean[n];
        SplittableRandom rng = new SplittableRandom(r.settings().seed());
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        for (int k = 0; k < m; k++) { // partial Fisher–Yates: the first m are a uniform sample
            int j = k + rng.nextInt(n - k);
            int t = order[k];
            order[k] = order[j];
            order[j] = t;
            seen[order[k]] = true;
        }
        int[] rows = new int[m];
        int[] cols = new int[m];
        double[] values = new double[m];
        int e = 0;
        for (int k = 0; k < n; k++) {
            if (seen[k]) {
                rows[e] = k / w;
                cols[e] = k % w;
                values[e] = pixels[k / w][k % w];
                e++;
            }
        }
        List<String> rowIds = new ArrayList<>();
        for (int i = 0; i < h; i++) {
            rowIds.add(Integer.toString(i));
        }
        List<String> colIds = new ArrayList<>();
        for (int j = 0; j < w; j++) {
            colIds.add(Integer.toString(j));
        }
        Ratings observed = Ratings.of(rows, cols, values, IdMap.of(rowIds), IdMap.of(colIds));
        progress.start(1);
        long start = System.nanoTime();
        int maxEpochs = r.settings().maxEpochs();
        CompletionModel model = Completer.fit(observed, r.settings(), (state, history) -> {
            progress.update(0, "inpaint", Math.min(1.0, state.iteration() / (double) maxEpochs));
            return dev.tacit.fit.Decision.CONTINUE;
        });
        double[][] completed = new double[h][w];
        double sseMissing = 0;
        double sseAll = 0;
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                double v = seen[i * w + j] ? pixels[i][j] : model.predict(rowIds.get(i), colIds.get(j));
                completed[i][j] = v;
                double d = v - pixels[i][j];
                sseAll += d * d;
                if (!seen[i * w + j]) {
                    sseMissing += d * d;
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        progress.finish();
        Result result = new Result(psnr(sseMissing / (n - m)), psnr(sseAll / n), m, seconds);
        try (Staging staging = new Staging(r.out())) {
            write(completed, null, staging.file("completed.png"));
            write(pixels, seen, staging.file("mask.png"));
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("psnr", result.psnr());
            metrics.put("psnr_all", result.psnrAll());
            metrics.put("observed_pixels", m);
            metrics.put("pixels", n);
            metrics.put("seconds", seconds);
            Map<String, Object> config = new LinkedHashMap<>(r.settings().describe());
            config.put("image", r.image().toString());
            config.put("observed", r.observed());
            metrics.put("config", config);
            metrics.put("provenance", Provenance.environment());
            Files.writeString(staging.file("metrics.json"), Provenance.Json.write(metrics) + "\n", StandardCharsets.UTF_8);
            staging.commit();
        }
        return result;
    }

    private static double psnr(double mse) {
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
    }

    private static double[][] read(Path file) throws BadInputException {
        BufferedImage img;
        try {
            img = Files.isRegularFile(file) ? ImageIO.read(file.toFile()) : null;
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read the image (" + e.getMessage() + ")");
        }
        if (Files.isDirectory(file)) {
            throw new BadInputException(file + ": is a folder, not an image file");
        }
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": file not found");
        }
        if (img == null) {
            throw new BadInputException(file + ": not an image format this Java can read (use PNG)");
        }
        int h = img.getHeight();
        int w = img.getWidth();
        if (h < 2 || w < 2) {
            throw new BadInputException(file + ": image is " + w + "x" + h + ", need at least 2x2");
        }
        Raster raster = img.getRaster();
        int bands = raster.getNumBands();
        double[][] out = new double[h][w];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                if (bands >= 3) {
                    out[i][j] = 0.299 * raster.getSample(j, i, 0) + 0.587 * raster.getSample(j, i, 1)
                            + 0.114 * raster.getSample(j, i, 2);
                } else {
                    out[i][j] = raster.getSample(j, i, 0);
                }
                if (img.getColorModel().getComponentSize(0) > 8) {
                    out[i][j] /= 257.0; // 16-bit → 8-bit scale
                }
            }
        }
        return out;
    }

    private static void write(double[][] pixels, boolean[] seen, Path file) throws IOException {
        int h = pixels.length;
        int w = pixels[0].length;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                double v = seen == null || seen[i * w + j] ? pixels[i][j] : 0;
                img.getRaster().setSample(j, i, 0, (int) Math.round(Math.max(0, Math.min(255, v))));
            }
        }
        ImageIO.write(img, "png", file.toFile());
    }
}
