package dev.tacit.linalg;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A tiny, deterministic fork-join for the two cores tacit is tuned for.
 *
 * <p>{@link #run(Runnable, Runnable)} runs two independent tasks, the first on the calling thread and
 * the second on a helper thread, and returns when both are done. Tasks must write disjoint outputs;
 * each task itself is sequential (single-threaded BLAS), so results do not depend on timing: the same
 * inputs and thread count always give bit-identical results. The helper spins briefly before parking,
 * because the tasks here are 10-100 µs long and a park/unpark round trip costs about as much.
 *
 * <p>The thread count comes from the system property {@code tacit.threads} (default: 2 when the
 * machine has at least 2 processors, else 1). With one thread both tasks run on the caller.
 * Calls from inside a task run sequentially (no nesting).
 */
public final class Workers {

    private static final int THREADS = Math.max(1, Integer.getInteger("tacit.threads",
            Math.min(2, Runtime.getRuntime().availableProcessors())));
    private static final long SPIN_NANOS = 200_000L;
    private static final ThreadLocal<Boolean> IN_TASK = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private static volatile Helper helper;

    private Workers() {
    }

    /** @return the number of threads tacit's own parallel code uses */
    public static int threads() {
        return THREADS;
    }

    /**
     * Runs two independent tasks, in parallel when more than one thread is configured.
     *
     * @param first runs on the calling thread
     * @param second runs on the helper thread (or after {@code first} when sequential)
     */
    public static void run(Runnable first, Runnable second) {
        if (THREADS < 2 || IN_TASK.get()) {
            first.run();
            second.run();
            return;
        }
        Helper h = helper();
        synchronized (h) { // one fork at a time per JVM
            h.submit(second);
            IN_TASK.set(Boolean.TRUE);
            Throwable failure = null;
            try {
                first.run();
            } catch (Throwable t) {
                failure = t;
            } finally {
                IN_TASK.set(Boolean.FALSE);
            }
            Throwable other = h.await();
            if (failure == null) {
                failure = other;
            }
            if (failure instanceof RuntimeException re) {
                throw re;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
        }
    }

    private static Helper helper() {
        Helper h = helper;
        if (h == null) {
            synchronized (Workers.class) {
                h = helper;
                if (h == null) {
                    h = new Helper();
                    h.thread.start();
                    helper = h;
                }
            }
        }
        return h;
    }

    /** The helper thread and its one-slot mailbox. */
    private static final class Helper implements Runnable {
        private final Thread thread = new Thread(this, "tacit-worker");
        private final AtomicInteger state = new AtomicInteger(); // 0 idle, 1 task posted, 2 done
        private volatile Runnable task;
        private volatile Throwable failure;
        private volatile Thread waiter;

        Helper() {
            thread.setDaemon(true);
        }

        void submit(Runnable r) {
            task = r;
            failure = null;
            state.set(1);
            LockSupport.unpark(thread);
        }

        Throwable await() {
            long start = System.nanoTime();
            while (state.get() != 2) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    waiter = Thread.currentThread();
                    if (state.get() != 2) {
                        LockSupport.parkNanos(this, 50_000L);
                    }
                }
            }
            waiter = null;
            state.set(0);
            return failure;
        }

        @Override
        public void run() {
            IN_TASK.set(Boolean.TRUE);
            while (true) {
                long idleSince = System.nanoTime();
                while (state.get() != 1) {
                    if (System.nanoTime() - idleSince < SPIN_NANOS) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.parkNanos(this, 1_000_000L);
                    }
                }
                Runnable r = task;
                task = null;
                try {
                    r.run();
                } catch (Throwable t) {
                    failure = t;
                }
                state.set(2);
                Thread w = waiter;
                if (w != null) {
                    LockSupport.unpark(w);
                }
            }
        }
    }
}
