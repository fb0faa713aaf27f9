package dk.consenthub.bench.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Debian's wrk driving one app with gecko-webhook.lua: closed loop, a fixed number of connections. */
final class Wrk {

    /** One wrk run: requests per second and latency percentiles in milliseconds. */
    record Result(long requests, double perSecond, double p50, double p99, long failed) {
    }

    private final Path script;
    private final int connections;
    private long nextIdBase = 100_000_000;

    Wrk(Path script, int connections) {
        this.script = script;
        this.connections = connections;
    }

    Result run(Launched app, String phase, Duration duration) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of("wrk", "-t2", "-c" + connections,
                "-d" + duration.toSeconds() + "s", "--timeout", "10s", "-s", script.toString(),
                app.url(GeckoWebhooks.PATH)));
        builder.environment().put("BENCH_ID_BASE", Long.toString(nextIdBase));
        builder.environment().put("BENCH_PHASE", phase);
        nextIdBase += 10_000_000;
        Process wrk = builder.redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0 || !output.contains("BENCH ")) {
            throw new IllegalStateException("wrk failed:\n" + output);
        }
        String line = output.substring(output.indexOf("BENCH ") + 6).lines().findFirst().orElseThrow();
        JsonNode r = new ObjectMapper().readTree(line);
        double seconds = r.path("micros").asLong() / 1e6;
        return new Result(r.path("requests").asLong(), r.path("requests").asLong() / seconds,
                r.path("p50").asLong() / 1000.0, r.path("p99").asLong() / 1000.0, r.path("failed").asLong());
    }
}
