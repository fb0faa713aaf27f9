package dk.consenthub.support;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dk.consenthub.system.SandboxServers;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;

/** What the next test relies on: the Hub takes back what a test added to the sandbox servers and its clock. */
@HubIntegrationTest
class HubResetIntegrationTests {

    @Autowired
    Hub hub;

    @Autowired
    SandboxServers sandbox;

    @Test
    void aTestsStubsAndClockArePutBackAndTheSandboxsOwnStubsStay() {
        Map<String, Integer> loaded = sandbox.stubCounts();
        StubMapping added = hub.mailchimp().stubFor(put("/3.0/lists/a1b2c3d4e5/members/x").atPriority(1)
                .willReturn(ok()));
        hub.gecko().stubFor(get("/api/v1/customer/1").atPriority(1).willReturn(ok()));
        hub.clock().advance(Duration.ofDays(400));

        hub.afterTest();

        assertThat(sandbox.stubCounts()).isEqualTo(loaded);
        assertThat(hub.mailchimp().getStubMappings()).extracting(StubMapping::getId).doesNotContain(added.getId());
        assertThat(hub.clock().instant()).isBetween(Instant.now().minusSeconds(5), Instant.now().plusSeconds(5));
    }

    @Test
    void everyHubIntegrationTestIsPutBackAfterEachTest() {
        assertThat(HubIntegrationTest.class.getAnnotation(ExtendWith.class).value()).contains(HubTestExtension.class);
    }

    @Test
    void answersOnItsRandomPort() {
        assertThat(hub.get("/actuator/health").statusCode()).isEqualTo(200);
    }
}
