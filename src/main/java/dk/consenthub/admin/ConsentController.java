package dk.consenthub.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.consent.AdminConsentRequests;
import dk.consenthub.consent.Purpose;
import dk.consenthub.system.RejectedRequestException;
import dk.consenthub.system.RejectedRequestException.FieldProblem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Consent decisions staff record for a person who phoned the clinic: grant or withdraw some purposes, or all. The
 * decision goes into the inbox and is carried out like any other ({@code consent-sync-from-admin}); the answer is 202
 * with its event id. A {@code note} is accepted but read no further than its type and length: it may carry health
 * information, so it is not stored, logged or sent anywhere.
 */
@RestController
class ConsentController {

    static final int NOTE_LIMIT = 2000;

    private static final Map<String, Boolean> DECISIONS = Map.of("grant", true, "withdraw", false);

    private final AdminConsentRequests requests;
    private final ObjectMapper json;

    ConsentController(AdminConsentRequests requests, ObjectMapper json) {
        this.requests = requests;
        this.json = json;
    }

    @PostMapping(path = "/admin/consent", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> decide(@RequestBody byte[] body) {
        JsonNode request = AdminRequestBodies.parse(json, body);
        List<FieldProblem> problems = new ArrayList<>();
        AdminRequestBodies.Person person = AdminRequestBodies.person(request, problems);
        Set<Purpose> purposes = purposes(request.get("purposes"), problems);
        String decision = AdminRequestBodies.text(request, "decision", null, null, problems);
        if (decision == null || !DECISIONS.containsKey(decision.toLowerCase(Locale.ROOT))) {
            problems.add(new FieldProblem("decision", "must be grant or withdraw"));
        }
        checkNote(request.get("note"), problems);
        if (!problems.isEmpty()) {
            throw RejectedRequestException.badRequest("The consent decision is not valid.", problems);
        }
        boolean granted = DECISIONS.get(decision.toLowerCase(Locale.ROOT));
        String eventId = requests.request(person.customerId(), person.email(), List.copyOf(purposes), granted);
        return ResponseEntity.accepted().body(Map.of("eventId", eventId,
                "decision", granted ? "grant" : "withdraw", "purposes", purposes));
    }

    /** The purposes, in the enum's order and each once; names as the ledger spells them, in any case. */
    private static Set<Purpose> purposes(JsonNode node, List<FieldProblem> problems) {
        Set<Purpose> purposes = EnumSet.noneOf(Purpose.class);
        String expected = "must be a list of " + Arrays.stream(Purpose.values()).map(Enum::name)
                .collect(Collectors.joining(", "));
        if (node == null || !node.isArray() || node.isEmpty()) {
            problems.add(new FieldProblem("purposes", expected));
            return purposes;
        }
        for (JsonNode item : node) {
            Purpose purpose = item.isTextual() ? Arrays.stream(Purpose.values())
                    .filter(p -> p.name().equalsIgnoreCase(item.asText().trim())).findFirst().orElse(null) : null;
            if (purpose == null) {
                problems.add(new FieldProblem("purposes", expected));
                return purposes;
            }
            purposes.add(purpose);
        }
        return purposes;
    }

    private static void checkNote(JsonNode note, List<FieldProblem> problems) {
        if (note != null && !note.isNull() && (!note.isTextual() || note.asText().length() > NOTE_LIMIT)) {
            problems.add(new FieldProblem("note", "must be a text of at most " + NOTE_LIMIT + " characters"));
        }
    }
}
