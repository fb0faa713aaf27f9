package dk.consenthub.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.erasure.ErasureCases;
import dk.consenthub.erasure.ErasureReceipt;
import dk.consenthub.erasure.ErasureRequests;
import dk.consenthub.erasure.ErasureVerification;
import dk.consenthub.erasure.RetentionRules;
import dk.consenthub.system.RejectedRequestException;
import dk.consenthub.system.RejectedRequestException.FieldProblem;
import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Erasure for admins: request one (by Gecko customer id and/or e-mail, with the GDPR ground), read the receipts,
 * retry a case's failed tasks, and see what the retention rules would open.
 */
@RestController
class ErasureController {

    private final ErasureRequests requests;
    private final ErasureCases cases;
    private final RetentionRules retention;
    private final ErasureVerification verification;
    private final ObjectMapper json;

    ErasureController(ErasureRequests requests, ErasureCases cases, RetentionRules retention,
                      ErasureVerification verification, ObjectMapper json) {
        this.requests = requests;
        this.cases = cases;
        this.retention = retention;
        this.verification = verification;
        this.json = json;
    }

    /** 202 with the new case; 200 with the open case when the person already has one. */
    @PostMapping(path = "/admin/erasures", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> request(@RequestBody byte[] body, Principal admin) {
        JsonNode request = AdminRequestBodies.parse(json, body);
        List<FieldProblem> problems = new ArrayList<>();
        AdminRequestBodies.Person person = AdminRequestBodies.person(request, problems);
        String reason = AdminRequestBodies.text(request, "reason", null, null, problems);
        if (reason == null) {
            problems.add(new FieldProblem("reason", "is required: one of " + reasons()));
        } else if (!ErasureRequests.REASONS.contains(reason)) {
            problems.add(new FieldProblem("reason", "must be one of " + reasons()));
        }
        if (!problems.isEmpty()) {
            throw RejectedRequestException.badRequest("The erasure request is not valid.", problems);
        }
        ErasureCases.Opened opened = requests.request(person.customerId(), person.email(), reason, admin.getName());
        URI receipt = URI.create("/admin/erasures/" + opened.caseId());
        return ResponseEntity.status(opened.created() ? HttpStatus.ACCEPTED : HttpStatus.OK).location(receipt)
                .body(Map.of("caseId", opened.caseId(), "created", opened.created(), "receipt", receipt.toString()));
    }

    @GetMapping("/admin/erasures")
    List<ErasureReceipt> list(@RequestParam(required = false) String status,
                              @RequestParam(defaultValue = "100") int limit) {
        ErasureCases.Status wanted = null;
        if (status != null && !status.isBlank()) {
            try {
                wanted = ErasureCases.Status.valueOf(status.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                throw RejectedRequestException.field("status", "must be one of " + java.util.Arrays.stream(
                        ErasureCases.Status.values()).map(Enum::name).collect(java.util.stream.Collectors.joining(", ")));
            }
        }
        if (limit < 1 || limit > 1000) {
            throw RejectedRequestException.field("limit", "must be between 1 and 1000");
        }
        return cases.list(wanted, limit);
    }

    @GetMapping("/admin/erasures/{id}")
    ErasureReceipt receipt(@PathVariable String id) {
        return cases.receipt(id).orElseThrow(() -> new NotFoundException("erasure case"));
    }

    /** Failed tasks start again (the cause was fixed: a configuration, a system that was down for days). */
    @PostMapping("/admin/erasures/{id}/retry")
    ResponseEntity<Map<String, Object>> retry(@PathVariable String id) {
        if (!cases.exists(id)) {
            throw new NotFoundException("erasure case");
        }
        return ResponseEntity.accepted().body(Map.of("caseId", id, "tasksRetried", cases.retryFailed(id)));
    }

    /** A case the brake on automatic erasure held: an operator lets it go, and its tasks start. */
    @PostMapping("/admin/erasures/{id}/approve")
    ErasureReceipt approve(@PathVariable String id, Principal operator) {
        if (!cases.exists(id)) {
            throw new NotFoundException("erasure case");
        }
        if (!verification.approve(id, operator.getName())) {
            throw RejectedRequestException.conflict("The erasure case is not waiting for approval.");
        }
        return cases.receipt(id).orElseThrow();
    }

    @PostMapping("/admin/retention/dry-run")
    RetentionRules.Sweep dryRun() {
        return retention.dryRun();
    }

    private static String reasons() {
        return String.join(", ", ErasureRequests.REASONS.stream().sorted().toList());
    }
}
