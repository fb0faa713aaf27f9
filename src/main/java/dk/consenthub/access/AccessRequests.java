package dk.consenthub.access;

import dk.consenthub.consent.Subjects;
import dk.consenthub.consent.Subjects.Subject;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Where access requests start: an operator names the person by Gecko customer id and/or e-mail address. The hub
 * looks them up among the subjects it knows (it creates none: asking what is held must not make it hold more), and
 * completes what was not given from what it knows, so every system can be asked.
 */
@Component
public class AccessRequests {

    private static final Logger log = LoggerFactory.getLogger(AccessRequests.class);

    private final Subjects subjects;
    private final AccessCases cases;

    AccessRequests(Subjects subjects, AccessCases cases) {
        this.subjects = subjects;
        this.cases = cases;
    }

    /** Opens a case; answers its id. */
    public String request(String geckoCustomerId, String email, String requestedBy) {
        Optional<Subject> known = Optional.ofNullable(geckoCustomerId).flatMap(subjects::byGeckoCustomer)
                .or(() -> Optional.ofNullable(email).flatMap(subjects::byEmail));
        AccessSubject subject = new AccessSubject(known.map(Subject::id).orElse(null),
                geckoCustomerId != null ? geckoCustomerId : known.map(Subject::geckoCustomerId).orElse(null),
                email != null ? email.trim() : known.map(Subject::email).orElse(null));
        String caseId = cases.open(subject, requestedBy);
        log.info("Access case {} opened by an admin request ({} to the hub)", caseId,
                known.isPresent() ? "a subject known" : "nobody known");
        return caseId;
    }
}
