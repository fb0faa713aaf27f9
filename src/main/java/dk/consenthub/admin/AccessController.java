package dk.consenthub.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.access.AccessCase;
import dk.consenthub.access.AccessCases;
import dk.consenthub.access.AccessReports;
import dk.consenthub.access.AccessRequests;
import dk.consenthub.system.RejectedRequestException;
import dk.consenthub.system.RejectedRequestException.FieldProblem;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Access requests for operators: open one (by Gecko customer id and/or e-mail), follow its tasks, and read its
 * report as JSON, or in Danish or English as HTML or PDF. Every read of a report is audited; a report past
 * {@code hub.access.retention} is gone (410).
 */
@RestController
class AccessController {

    /** The HTML report runs no script and loads nothing: it styles itself inline. */
    private static final String REPORT_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

    private final AccessRequests requests;
    private final AccessCases cases;
    private final AccessReports reports;
    private final ObjectMapper json;

    AccessController(AccessRequests requests, AccessCases cases, AccessReports reports, ObjectMapper json) {
        this.requests = requests;
        this.cases = cases;
        this.reports = reports;
        this.json = json;
    }

    /** 202 with the new case; its tasks run in the background. */
    @PostMapping(path = "/admin/access-requests", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> request(@RequestBody byte[] body, Principal admin) {
        JsonNode request = AdminRequestBodies.parse(json, body);
        List<FieldProblem> problems = new ArrayList<>();
        AdminRequestBodies.Person person = AdminRequestBodies.person(request, problems);
        if (!problems.isEmpty()) {
            throw RejectedRequestException.badRequest("The access request is not valid.", problems);
        }
        String caseId = requests.request(person.customerId(), person.email(), admin.getName());
        URI location = URI.create("/admin/access-requests/" + caseId);
        return ResponseEntity.accepted().location(location)
                .body(Map.of("caseId", caseId, "case", location.toString(), "report", location + "/report"));
    }

    @GetMapping("/admin/access-requests")
    List<AccessCase> list(@RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw RejectedRequestException.field("limit", "must be between 1 and 1000");
        }
        return cases.list(limit);
    }

    @GetMapping("/admin/access-requests/{id}")
    AccessCase find(@PathVariable String id) {
        return cases.find(id).orElseThrow(() -> new NotFoundException("access case"));
    }

    @GetMapping(path = "/admin/access-requests/{id}/report", produces = MediaType.APPLICATION_JSON_VALUE)
    JsonNode report(@PathVariable String id) {
        return ready(id);
    }

    @GetMapping("/admin/access-requests/{id}/report.html")
    ResponseEntity<byte[]> html(@PathVariable String id, @RequestParam(defaultValue = "da") String lang,
                                HttpServletResponse response) {
        String language = language(lang);
        byte[] html = reports.html(ready(id), language).getBytes(StandardCharsets.UTF_8);
        // replaces the admin page's policy, written before the request got here: the report styles itself inline
        response.setHeader("Content-Security-Policy", REPORT_POLICY);
        return download(id, language, "html", new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8), html);
    }

    @GetMapping("/admin/access-requests/{id}/report.pdf")
    ResponseEntity<byte[]> pdf(@PathVariable String id, @RequestParam(defaultValue = "da") String lang) {
        String language = language(lang);
        return download(id, language, "pdf", MediaType.APPLICATION_PDF, reports.pdf(ready(id), language));
    }

    private JsonNode ready(String id) {
        AccessReports.Report report = reports.report(id);
        return switch (report.state()) {
            case MISSING -> throw new NotFoundException("access case");
            case NOT_READY -> throw RejectedRequestException.conflict("The report is not ready: the case is open.");
            case EXPIRED -> throw new RejectedRequestException(410, "Gone",
                    "The report has passed its retention and was deleted.", List.of());
            case READY -> report.json();
        };
    }

    private static String language(String lang) {
        if (!AccessReports.LANGUAGES.contains(lang)) {
            throw RejectedRequestException.field("lang", "must be one of " + String.join(", ", AccessReports.LANGUAGES));
        }
        return lang;
    }

    private static ResponseEntity<byte[]> download(String id, String language, String extension, MediaType type,
                                                   byte[] body) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("access-report-" + id + "-" + language + "." + extension).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(body);
    }
}
