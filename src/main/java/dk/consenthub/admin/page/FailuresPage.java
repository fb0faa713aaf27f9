package dk.consenthub.admin.page;

import dk.consenthub.failed.FailedMessageStore.Status;
import dk.consenthub.failed.FailedMessages;
import dk.consenthub.failed.InvalidSelectionException;
import dk.consenthub.failed.Replays;
import dk.consenthub.failed.Selection;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Failed messages on the admin page: the groups, a group's messages, one message (masked), and replay or archive
 * of a message, a group or everything, each confirmed on a page of its own before the form that does it. A replay
 * run's page follows its progress (admin.js polls the run's JSON).
 */
@Controller
@Hidden // a page, not part of the admin API's OpenAPI document
@RequestMapping("/admin/failures")
class FailuresPage implements AdminPage {

    private static final int PAGE_SIZE = 50;

    private final FailedMessages messages;
    private final Replays replays;

    FailuresPage(FailedMessages messages, Replays replays) {
        this.messages = messages;
        this.replays = replays;
    }

    @GetMapping
    String groups(Model model) {
        model.addAttribute("groups", messages.groups());
        model.addAttribute("archived", messages.groups(Status.ARCHIVED));
        model.addAttribute("runs", replays.history(10));
        return "admin/failures";
    }

    @GetMapping("/group")
    String group(@RequestParam String key, @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("key", key);
        model.addAttribute("group", messages.groups().stream().filter(g -> g.groupKey().equals(key)).findFirst()
                .orElse(null));
        model.addAttribute("page", messages.page(new FailedMessages.Filter(null, null, null, key),
                Math.max(page, 0), PAGE_SIZE));
        return "admin/failure-group";
    }

    @GetMapping("/messages/{id}")
    String message(@PathVariable String id, Model model) {
        model.addAttribute("message", messages.view(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        return "admin/failure-message";
    }

    /** What an action would touch, and the form that does it. */
    @GetMapping("/confirm")
    String confirm(@RequestParam String action, @RequestParam(required = false) String group,
                   @RequestParam(required = false) String id, @RequestParam(required = false) Boolean all,
                   Model model) {
        if (!action.equals("replay") && !action.equals("archive")) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        long count;
        if (id != null) {
            count = messages.view(id).filter(m -> m.status() == Status.FAILED).isPresent() ? 1 : 0;
        } else {
            count = messages.groups().stream().filter(g -> group == null || g.groupKey().equals(group))
                    .mapToLong(FailedMessages.Group::count).sum();
        }
        model.addAttribute("action", action);
        model.addAttribute("group", group);
        model.addAttribute("id", id);
        model.addAttribute("all", id == null && group == null && Boolean.TRUE.equals(all));
        model.addAttribute("count", count);
        return "admin/failure-confirm";
    }

    @PostMapping("/replay")
    String replay(@RequestParam(required = false) List<String> ids, @RequestParam(required = false) String group,
                  @RequestParam(required = false) Boolean all, @RequestParam(required = false) Double ratePerSecond,
                  RedirectAttributes redirect) {
        try {
            Replays.ReplayRun run = replays.start(new Selection(ids, group, all), ratePerSecond,
                    SignedInAdmin.current().name());
            return "redirect:/admin/failures/runs/" + run.id();
        } catch (InvalidSelectionException refused) {
            redirect.addFlashAttribute("problem", "Not replayed: " + refused.getMessage());
            return "redirect:/admin/failures";
        }
    }

    @PostMapping("/archive")
    String archive(@RequestParam(required = false) List<String> ids, @RequestParam(required = false) String group,
                   RedirectAttributes redirect) {
        try {
            int archived = messages.archive(new Selection(ids, group, null));
            redirect.addFlashAttribute("notice", "Archived " + archived + " message(s).");
        } catch (InvalidSelectionException refused) {
            redirect.addFlashAttribute("problem", "Not archived: " + refused.getMessage());
        }
        return "redirect:/admin/failures";
    }

    @PostMapping("/restore")
    String restore(@RequestParam String group, RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("notice", "Restored " + messages.restore(Selection.ofGroup(group))
                    + " message(s).");
        } catch (InvalidSelectionException refused) {
            redirect.addFlashAttribute("problem", "Not restored: " + refused.getMessage());
        }
        return "redirect:/admin/failures";
    }

    @GetMapping("/runs/{runId}")
    String run(@PathVariable String runId, Model model) {
        model.addAttribute("run", replays.run(runId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        return "admin/replay-run";
    }
}
