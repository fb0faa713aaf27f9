package dk.consenthub.admin.page;

import dk.consenthub.failed.FailedMessages;
import java.util.List;
import org.springframework.stereotype.Component;

/** Failed messages waiting for an admin, on the dashboard. */
@Component
class FailureCards implements DashboardCards {

    private final FailedMessages messages;

    FailureCards(FailedMessages messages) {
        this.messages = messages;
    }

    @Override
    public List<Card> cards() {
        List<FailedMessages.Group> groups = messages.groups();
        return List.of(
                new Card("failure-groups", "Failure groups", groups.size(), "/admin/failures"),
                new Card("failed-messages", "Failed messages",
                        groups.stream().mapToLong(FailedMessages.Group::count).sum(), "/admin/failures"));
    }
}
