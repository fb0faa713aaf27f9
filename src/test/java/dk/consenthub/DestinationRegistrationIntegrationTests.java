package dk.consenthub;

import static org.assertj.core.api.Assertions.assertThat;

import dk.consenthub.egress.EgressDestination;
import dk.consenthub.egress.EgressProperties;
import dk.consenthub.egress.EgressRequest;
import dk.consenthub.egress.PreviewCustomer;
import dk.consenthub.erasure.ErasureTarget;
import dk.consenthub.support.HubIntegrationTest;
import dk.consenthub.system.SandboxServers;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every destination of the running hub is whole: its beans, its routes in its own file, its sandbox and its
 * allow-list (see {@link DestinationRegistration}), under one name that every part uses.
 */
@HubIntegrationTest
class DestinationRegistrationIntegrationTests {

    @Autowired
    List<EgressDestination> destinations;

    @Autowired
    List<ErasureTarget> erasureTargets;

    @Autowired
    SandboxServers sandbox;

    @Autowired
    EgressProperties egress;

    @Autowired
    CamelContext camel;

    Set<String> destinationNames() {
        return new TreeSet<>(destinations.stream().map(EgressDestination::name).toList());
    }

    @Test
    void noDestinationOrErasureTargetIsHalfRegistered() {
        DestinationRegistration registration = new DestinationRegistration(destinationNames(),
                new TreeSet<>(erasureTargets.stream().map(ErasureTarget::name).toList()),
                RouteFiles.declarations(RouteFiles.fromDisk()).routes(), sandbox.stubCounts().keySet(),
                egress.allowedHosts());

        assertThat(registration.problems()).isEmpty();
    }

    @Test
    void eachSystemHasOneNameThatItsErasureTargetSharesWithItsDestination() {
        assertThat(destinationNames()).containsExactly("gecko", "google", "mailchimp");
        assertThat(erasureTargets).extracting(ErasureTarget::name)
                .containsExactlyInAnyOrder("gecko", "google", "mailchimp", "hub");
    }

    @Test
    void eachDestinationHasItsCircuitBreakerAndPreviewsItsOwnRequest() {
        PreviewCustomer customer = new PreviewCustomer("41434", "mette@example.dk", "Mette", true);
        for (EgressDestination destination : destinations) {
            assertThat(camel.getProcessor("egress-" + destination.name() + "-circuit-breaker"))
                    .as("circuit breaker of %s", destination.name()).isNotNull();
            EgressRequest preview = destination.preview(customer);
            assertThat(preview.destination()).as("preview of %s", destination.name()).isEqualTo(destination.name());
        }
    }
}
