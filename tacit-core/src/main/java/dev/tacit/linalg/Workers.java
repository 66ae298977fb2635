package dev.tacit.linalg;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A tiny, deterministic fork-join for the two cores tacit is tuned for.
 *
 * <p>{@link #run(Runnable, Runnable)} runs two independent tasks, the first on the calling thread and
 * the second on a helper thread, and returns when both are done. Tasks must write disjoint outputs;
 * each task itself is sequential (single-threaded BLAS), so results do not depend on timing: the same
 * inputs and thread count always give bit-identical results. The helper spins for a while (50 ms)
 * before parking, because the tasks here are 10 µs to 50 ms apart and waking a parked thread costs
 * as much or (on a VM with an idle vCPU) far more. If the
 * helper has not picked the second task up by the time the first is done (e.g. the machine is busy and
 * the helper is not scheduled), the caller runs it itself, so a busy machine degrades to sequential
 * speed instead of waiting for the scheduler.
 *
 * <p>The thread count comes from the system property {@code tacit.threads} (default: 2 when the
 * machine has at least 2 processors, else 1). With one thread both tasks run on the caller.
 * Calls from inside a task run sequentially (no nesting).
 */
public final class Workers {

    private static final int THREADS = Math.max(1, Integer.getInteger("tacit.threads",
            Math.min(2, Runtime.getRuntime().availableProcessors())));
    /**
     * The helper keeps spinning after a task for 4x that task's duration, at least {@link #MIN_SPIN_NANOS}
     * and at most {@link #SPIN_NANOS} (property {@code tacit.spin.nanos}, default 50 ms), then parks.
     * Scaled on purpose: on a virtual machine an idle vCPU can take milliseconds to be woken, so a helper
     * that parks between the products of one training step (the optimizer step alone takes ~8 ms at
     * n = 1000) is woken too late and the caller ends up doing both halves itself; while for small
     * problems a long spin only steals cycles from the caller's own work.
     */
    private static final long SPIN_NANOS = Long.getLong("tacit.spin.nanos", 50_000_000L);
    private static final long MIN_SPIN_NANOS = 200_000L;
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
            Throwable other = h.stealOrAwait();
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

    /**
     * Runs independent jobs (e.g. the cells of an experiment grid) on {@link #threads()} threads and
     * returns their results in the order of {@code jobs}. Inside a job, {@link #run} is sequential, so a
     * job computes exactly what it computes with one thread: results do not depend on scheduling.
     *
     * @param jobs the jobs
     * @param <T> result type
     * @return the results, in order
     * @throws Exception the first job failure (in job order)
     */
    public static <T> java.util.List<T> map(java.util.List<? extends java.util.concurrent.Callable<T>> jobs)
            throws Exception {
        int n = Math.min(THREADS, jobs.size());
        java.util.List<T> results = new java.util.ArrayList<>(java.util.Collections.nCopies(jobs.size(), null));
        if (n <= 1 || IN_TASK.get()) {
            boolean was = IN_TASK.get();
            IN_TASK.set(Boolean.TRUE);
            try {
                for (int i = 0; i < jobs.size(); i++) {
                    results.set(i, jobs.get(i).call());
                }
            } finally {
                IN_TASK.set(was);
            }
            return results;
        }
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        Throwable[] failures = new Throwable[jobs.size()];
        Runnable worker = () -> {
            IN_TASK.set(Boolean.TRUE);
            try {
                int i;
                while ((i = next.getAndIncrement()) < jobs.size()) {
                    try {
                        results.set(i, jobs.get(i).call());
                    } catch (Throwable t) {
                        failures[i] = t;
                        next.set(jobs.size());
                    }
                }
            } finally {
                IN_TASK.set(Boolean.FALSE);
            }
        };
        Thread[] threads = new Thread[n - 1];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(worker, "tacit-job-" + t);
            threads[t].setDaemon(true);
            threads[t].start();
        }
        boolean was = IN_TASK.get();
        try {
            worker.run();
        } finally {
            IN_TASK.set(was);
        }
        for (Thread t : threads) {
            t.join();
        }
        for (Throwable f : failures) {
            if (f instanceof Exception e) {
                throw e;
            }
            if (f instanceof Error e) {
                throw e;
            }
        }
        return results;
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
        private final AtomicInteger state = new AtomicInteger(); // 0 idle, 1 posted, 3 running, 2 done
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

        Throwable stealOrAwait() {
            if (state.compareAndSet(1, 0)) { // not picked up yet: run it here
                Runnable r = task;
                task = null;
                try {
                    r.run();
                } catch (Throwable t) {
                    return t;
                }
                return null;
            }
            long start = System.nanoTime();
            while (state.get() != 2) {
                if (System.nanoTime() - start < MIN_SPIN_NANOS) {
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
            long spin = MIN_SPIN_NANOS;
            while (true) {
                long idleSince = System.nanoTime();
                while (state.get() != 1 || !state.compareAndSet(1, 3)) {
                    if (System.nanoTime() - idleSince < spin) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.parkNanos(this, 1_000_000L);
                    }
                }
                Runnable r = task;
                task = null;
                long started = System.nanoTime();
                try {
                    r.run();
                } catch (Throwable t) {
                    failure = t;
                }
                spin = Math.min(SPIN_NANOS, Math.max(MIN_SPIN_NANOS, 4 * (System.nanoTime() - started)));
                state.set(2);
                Thread w = waiter;
                if (w != null) {
                    LockSupport.unpark(w);
                }
            }
        }
    }
}
