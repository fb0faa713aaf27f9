package dk.consenthub.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** hub.access.* as the hub binds it at startup: the defaults, and a retention that is no retention refused by name. */
class AccessPropertiesTests {

    @Test
    void reportsAreKeptThirtyDaysByDefault() {
        AccessProperties properties = bind(Map.of("hub.access.poll-delay", "1000")).bindOrCreate("hub.access",
                AccessProperties.class);
        assertThat(properties.retention()).isEqualTo(Duration.ofDays(30));
        assertThat(properties.recentActivity()).isEqualTo(50);
    }

    @Test
    void aRetentionOfZeroOrLessNamesTheProperty() {
        for (String retention : new String[] {"P0D", "-P1D"}) {
            assertThatThrownBy(() -> bind(Map.of("hub.access.retention", retention)).bind("hub.access",
                    AccessProperties.class)).hasStackTraceContaining("hub.access.retention must be positive");
        }
    }

    private static Binder bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values));
    }
}
