package dk.consenthub.admin;

import dk.consenthub.failed.FailedMessageStore.Status;
import dk.consenthub.failed.FailedMessages;
import dk.consenthub.failed.InvalidSelectionException;
import dk.consenthub.failed.Replays;
import dk.consenthub.failed.Selection;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The failed store for admins: list, group, show (masked: metadata and the hub's error text, never a payload),
 * replay, archive and restore. Bad input answers {@code application/problem+json} naming the field.
 */
@RestController
@RequestMapping("/admin/failed-messages")
class FailedMessagesController {

    private final FailedMessages messages;
    private final Replays replays;

    FailedMessagesController(FailedMessages messages, Replays replays) {
        this.messages = messages;
        this.replays = replays;
    }

    @GetMapping
    FailedMessages.Page<FailedMessages.View> list(@RequestParam(required = false) String status,
                                                 @RequestParam(required = false) String target,
                                                 @RequestParam(required = false) String errorType,
                                                 @RequestParam(required = false) String group,
                                                 @RequestParam(defaultValue = "0") int page,
                                                 @RequestParam(defaultValue = "50") int size) {
        return messages.page(new FailedMessages.Filter(status(status), blankToNull(target), blankToNull(errorType),
                blankToNull(group)), page, size);
    }

    /** Groups (target x error type x message type) of the messages in a status, {@code FAILED} by default. */
    @GetMapping("/groups")
    List<FailedMessages.Group> groups(@RequestParam(required = false) String status) {
        Status wanted = status(status);
        return messages.groups(wanted == null ? Status.FAILED : wanted);
    }

    @GetMapping("/{id}")
    FailedMessages.View show(@PathVariable String id) {
        return messages.view(id).orElseThrow(() -> new NotFoundException("failed message"));
    }

    /** Starts a replay run in the background: 202, the run at {@code Location}. */
    @PostMapping("/replay")
    ResponseEntity<ReplayStarted> replay(@RequestBody ReplayRequest request, Principal principal) {
        Replays.ReplayRun run = replays.start(new Selection(request.ids(), request.group(), request.all()),
                request.ratePerSecond(), principal == null ? null : principal.getName());
        String location = "/admin/replays/" + run.id();
        return ResponseEntity.accepted().location(URI.create(location))
                .body(new ReplayStarted(run.id(), run.status().name(), run.total(), location));
    }

    @PostMapping("/archive")
    Changed archive(@RequestBody SelectionRequest request) {
        return new Changed(messages.archive(new Selection(request.ids(), request.group(), null)));
    }

    @PostMapping("/restore")
    Changed restore(@RequestBody SelectionRequest request) {
        return new Changed(messages.restore(new Selection(request.ids(), request.group(), null)));
    }

    private static Status status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return Status.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new InvalidSelectionException("status", "must be one of FAILED, REPLAYING, RESOLVED, ARCHIVED");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    /**
     * Exactly one of {@code ids}, {@code group} or {@code all: true}; {@code ratePerSecond} optional
     * (default {@code hub.failed.replay-rate}).
     */
    record ReplayRequest(List<String> ids, String group, Boolean all, Double ratePerSecond) {
    }

    /** Exactly one of {@code ids} or {@code group}. */
    record SelectionRequest(List<String> ids, String group) {
    }

    record ReplayStarted(String runId, String status, int total, String location) {
    }

    record Changed(int changed) {
    }
}
