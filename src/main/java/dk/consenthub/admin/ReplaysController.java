package dk.consenthub.admin;

import dk.consenthub.failed.Replays;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Replay runs: progress of one, and the history (newest first). */
@RestController
@RequestMapping("/admin/replays")
class ReplaysController {

    private final Replays replays;

    ReplaysController(Replays replays) {
        this.replays = replays;
    }

    @GetMapping
    List<Replays.ReplayRun> history() {
        return replays.history();
    }

    @GetMapping("/{runId}")
    Replays.ReplayRun run(@PathVariable String runId) {
        return replays.run(runId).orElseThrow(() -> new NotFoundException("replay run"));
    }
}
