package dk.consenthub.admin;

import dk.consenthub.consent.StaffTasks;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What staff must change by hand in Gecko while the hub does not write there (hub.booking.write-back off). */
@RestController
class StaffTasksController {

    private final StaffTasks staffTasks;

    StaffTasksController(StaffTasks staffTasks) {
        this.staffTasks = staffTasks;
    }

    @GetMapping("/admin/consent/staff-tasks")
    List<StaffTasks.Task> open() {
        return staffTasks.open();
    }
}
