package dk.consenthub.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.reconcile.ReconcileRuns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Starts reconcile runs the way an admin does ({@code POST /admin/reconcile}) and reads their reports there. The wait
 * in between watches the run records directly: polling the admin API would spend a bcrypt check per poll. A bean of
 * the test hub, like {@link Hub}: a test injects it.
 */
public final class ReconcileClient {

    private final Hub hub;
    private final ReconcileRuns runs;
    private final ObjectMapper json = new ObjectMapper();

    public ReconcileClient(Hub hub, ReconcileRuns runs) {
        this.hub = hub;
        this.runs = runs;
    }

    public HttpResponse<String> post(String mode) {
        return hub.post("/admin/reconcile?mode=" + mode, null, new byte[0], "Authorization", Hub.ADMIN);
    }

    /** Starts a run (waiting while another one holds the lock) and answers its id. */
    public String start(String mode) {
        AtomicReference<HttpResponse<String>> answer = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            answer.set(post(mode));
            return answer.get().statusCode() != 409;
        });
        assertThat(answer.get().statusCode()).as(answer.get().body()).isEqualTo(202);
        return read(answer.get().body()).path("runId").asText();
    }

    public HttpResponse<String> report(String runId) {
        return hub.get("/admin/reconcile/" + runId, "Authorization", Hub.ADMIN);
    }

    /** The run's report, as the admin API shows it, once the run has ended. */
    public JsonNode awaitEnd(String runId, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(50)).until(() ->
                runs.find(runId).map(r -> !r.status().equals("RUNNING")).orElse(false));
        HttpResponse<String> report = report(runId);
        assertThat(report.statusCode()).isEqualTo(200);
        return read(report.body());
    }

    /** Runs a mode to its end and answers the report, which must say SUCCEEDED. */
    public JsonNode run(String mode, Duration atMost) {
        JsonNode report = awaitEnd(start(mode), atMost);
        assertThat(report.path("status").asText()).as(report.toString()).isEqualTo("SUCCEEDED");
        return report;
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
