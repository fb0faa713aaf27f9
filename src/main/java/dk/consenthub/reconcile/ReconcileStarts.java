package dk.consenthub.reconcile;

import dk.consenthub.system.RouteCalls;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Starts a run for an admin through the {@code reconcile-admin-start} route, which takes the lock, records the run
 * and leaves it working in the background; or finds that another run holds the lock, and nothing starts.
 */
@Component
public class ReconcileStarts {

    /** The modes an admin may start, as written. */
    public static final Set<String> MODES = Set.of("incremental", "full");

    private final RouteCalls routes;

    ReconcileStarts(RouteCalls routes) {
        this.routes = routes;
    }

    public Start start(String mode) {
        Exchange started = routes.call("reconcile-admin-start", Map.of(ReconcileRuns.MODE, mode));
        ReconcileRun run = started.getProperty(ReconcileRun.PROPERTY, ReconcileRun.class);
        if (run == null) {
            return new Start(null, mode, started.getProperty(ReconcileRuns.BUSY, "unknown", String.class));
        }
        return new Start(run.getId(), run.getMode().text(), null);
    }

    /** A run that started ({@code runId}), or none because run {@code busyWith} holds the lock. */
    public record Start(String runId, String mode, String busyWith) {

        public boolean started() {
            return runId != null;
        }
    }
}
