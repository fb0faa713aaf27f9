package dk.consenthub.admin;

import dk.consenthub.system.RejectedRequestException;
import dk.consenthub.reconcile.ReconcileRuns;
import dk.consenthub.reconcile.ReconcileStarts;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reconcile runs for admins: start one (the run goes on in the background), read a run's record and drift report. */
@RestController
@RequestMapping("/admin/reconcile")
class ReconcileController {

    private static final Pattern RUN_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final ReconcileStarts starts;
    private final ReconcileRuns runs;

    ReconcileController(ReconcileStarts starts, ReconcileRuns runs) {
        this.starts = starts;
        this.runs = runs;
    }

    /** 202 with the run's id and its record at {@code Location}; 409 naming the run that holds the lock. */
    @PostMapping
    ResponseEntity<Map<String, Object>> start(@RequestParam(required = false) String mode) {
        if (mode == null || !ReconcileStarts.MODES.contains(mode)) {
            throw RejectedRequestException.field("mode", "must be incremental or full");
        }
        ReconcileStarts.Start start = starts.start(mode);
        if (!start.started()) {
            throw new RejectedRequestException(409, "Conflict",
                    "Reconcile run " + start.busyWith() + " is in progress.", List.of());
        }
        URI report = URI.create("/admin/reconcile/" + start.runId());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("runId", start.runId());
        answer.put("mode", start.mode());
        answer.put("status", "RUNNING");
        answer.put("report", report.toString());
        return ResponseEntity.accepted().location(report).body(answer);
    }

    @GetMapping("/{runId}")
    ReconcileRuns.Record report(@PathVariable String runId) {
        if (!RUN_ID.matcher(runId).matches()) {
            throw RejectedRequestException.field("runId", "must be a run id as POST /admin/reconcile answered it");
        }
        return runs.find(runId).orElseThrow(() ->
                new RejectedRequestException(404, "Not Found", "No reconcile run has this id.", List.of()));
    }
}
