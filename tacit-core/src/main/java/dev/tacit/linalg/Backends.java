package dev.tacit.linalg;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Chooses the numeric backend once per JVM.
 *
 * <p>Selection: the system property {@code tacit.backend} (values {@code native}, {@code java},
 * {@code auto}), else the environment variable {@code TACIT_BACKEND}, else {@code auto}. With
 * {@code auto} the native OpenBLAS backend is used when it loads and the pure-Java backend otherwise
 * (a warning is logged). Forcing {@code native} when it cannot load is an error.
 */
public final class Backends {

    private static final Logger LOG = Logger.getLogger(Backends.class.getName());
    private static volatile Backend active;
    private static final Backend HEAP = new JavaBackend();

    private Backends() {
    }

    /** @return the backend of this JVM, loading it on first use */
    public static Backend get() {
        Backend b = active;
        if (b == null) {
            synchronized (Backends.class) {
                b = active;
                if (b == null) {
                    b = select();
                    active = b;
                }
            }
        }
        return b;
    }

    /**
     * Creates a backend of the given kind, independent of the JVM-wide choice (for contract tests and
     * benchmarks). Matrices must not be mixed between backends.
     *
     * @param kind the kind
     * @return a new backend
     */
    public static Backend create(BackendKind kind) {
        return kind == BackendKind.NATIVE_OPENBLAS ? NativeBackend.load() : new JavaBackend();
    }

    /** @return the shared pure-Java backend that owns {@link Matrix#onHeap(int, int)} matrices */
    static Backend heap() {
        return HEAP;
    }

    /** @return whether the native backend can be loaded on this machine */
    public static boolean nativeAvailable() {
        try {
            NativeBackend.load();
            return true;
        } catch (Throwable t) {
            return false;
        }
    }

    private static Backend select() {
        String requested = System.getProperty("tacit.backend");
        if (requested == null) {
            requested = System.getenv("TACIT_BACKEND");
        }
        BackendKind kind = requested == null ? null : BackendKind.parse(requested);
        if (kind == BackendKind.PURE_JAVA) {
            return new JavaBackend();
        }
        try {
            return NativeBackend.load();
        } catch (Throwable t) {
            if (kind == BackendKind.NATIVE_OPENBLAS) {
                throw new IllegalStateException("native OpenBLAS backend requested but it cannot be loaded: " + t, t);
            }
            LOG.log(Level.WARNING, "native OpenBLAS could not be loaded ({0}); using the pure-Java backend", t.toString());
            return new JavaBackend();
        }
    }
}
