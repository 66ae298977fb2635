package dev.tacit.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The backend contract on native OpenBLAS (skipped only where the native library cannot load). */
class NativeBackendTest extends BackendContract {

    private static Backend backend;

    @BeforeAll
    static void load() {
        assumeTrue(Backends.nativeAvailable(), "native OpenBLAS not loadable here");
        backend = Backends.create(BackendKind.NATIVE_OPENBLAS);
    }

    @Override
    Backend backend() {
        return backend;
    }

    @Test
    void isNativeAndOffHeap() {
        assertEquals(BackendKind.NATIVE_OPENBLAS, backend.kind());
        assertEquals(true, backend.allocate(4).isDirect());
    }
}
