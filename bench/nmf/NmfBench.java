import dev.tacit.linalg.Matrix;
import dev.tacit.model.nmf.Nmf;
import dev.tacit.model.nmf.NmfFit;
import dev.tacit.model.nmf.NmfSettings;
import dev.tacit.model.nmf.NmfSolver;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** One tacit fit of the benchmark matrix (args: file, cd|mu): prints 'solver seconds rel_error iterations'. */
public final class NmfBench {
    public static void main(String[] args) throws Exception {
        byte[] bytes = Files.readAllBytes(Path.of(args[0]));
        double[] v = new double[2000 * 1000];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(v);
        Matrix x = Matrix.fromRowMajor(2000, 1000, v);
        NmfSolver solver = args[1].equals("cd") ? NmfSolver.COORDINATE_DESCENT : NmfSolver.MULTIPLICATIVE_UPDATE;
        NmfSettings s = NmfSettings.defaults().withSolver(solver).withTolerance(0.0).withMaxIterations(200);
        int warmups = Integer.getInteger("warmups", 3); // -Dwarmups=0: one cold fit in a fresh JVM
        for (int w = 0; w < warmups; w++) { // JIT / native warm-up (as JMH would), excluded; nothing is cached between fits
            Nmf.fit(x, 10, s);
        }
        long start = System.nanoTime();
        NmfFit fit = Nmf.fit(x, 10, s);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s %.3f %.6f %d%n", args[1], seconds, fit.relativeError(), fit.iterations());
    }
}
