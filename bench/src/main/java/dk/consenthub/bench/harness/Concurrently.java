package dk.consenthub.bench.harness;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/** Runs n numbered tasks with a fixed number in flight (closed loop), as a client with that many connections. */
final class Concurrently {

    record Result(int ok, int failed, Duration elapsed) {

        double perSecond() {
            return ok / (elapsed.toNanos() / 1e9);
        }
    }

    private Concurrently() {
    }

    static Result run(int n, int concurrency, IntPredicate task) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        for (int t = 0; t < concurrency; t++) {
            pool.execute(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    boolean success;
                    try {
                        success = task.test(i);
                    } catch (RuntimeException e) {
                        success = false;
                    }
                    (success ? ok : failed).incrementAndGet();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        return new Result(ok.get(), failed.get(), Duration.ofNanos(System.nanoTime() - start));
    }
}
