package dk.consenthub.failed;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Deletes resolved and archived messages once {@code hub.failed.retention} has passed since their last change. */
@Component("failedRetention")
public class FailedRetention {

    private static final Logger log = LoggerFactory.getLogger(FailedRetention.class);

    private final FailedMessageStore store;
    private final FailedProperties properties;
    private final Clock clock;

    FailedRetention(FailedMessageStore store, FailedProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    /** Answers how many were deleted. */
    public int purge() {
        int deleted = store.purge(clock.instant().minus(properties.retention()));
        log.info("Failed-message retention: {} resolved or archived message(s) older than {} deleted", deleted,
                properties.retention());
        return deleted;
    }
}
