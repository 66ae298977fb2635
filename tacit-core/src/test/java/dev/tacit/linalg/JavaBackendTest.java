package dev.tacit.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The backend contract on the pure-Java fallback. */
class JavaBackendTest extends BackendContract {

    private final Backend backend = Backends.create(BackendKind.PURE_JAVA);

    @Override
    Backend backend() {
        return backend;
    }

    @Test
    void isPureJava() {
        assertEquals(BackendKind.PURE_JAVA, backend.kind());
        assertEquals(false, backend.allocate(4).isDirect());
    }

    @Test
    void parsesBackendNames() {
        assertEquals(BackendKind.NATIVE_OPENBLAS, BackendKind.parse("native"));
        assertEquals(BackendKind.PURE_JAVA, BackendKind.parse("JAVA"));
        assertEquals(null, BackendKind.parse("auto"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> BackendKind.parse("cuda"));
    }
}
