package dk.consenthub.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dk.consenthub.system.RejectedRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.spi.Synchronization;
import org.apache.camel.spi.SynchronizationRouteAware;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The signed Gecko webhook's replay protection, against a fixed clock and the real replay table: the timestamp window,
 * signatures seen before, and the signature of a delivery refused after verification released.
 */
class VerifyGeckoSignatureReplayTests extends SignedGeckoExchanges {

    @Nested
    class Window {

        @ParameterizedTest
        @ValueSource(longs = {0, -1, 1, -299, 299, -300, 300})
        void aTimestampUpToTheWindowAwayEitherWayIsAccepted(long offset) throws Exception {
            Exchange exchange = signedDelivery(NOW + offset, BODY);

            assertThatCode(() -> verifierAt(NOW).process(exchange)).doesNotThrowAnyException();
        }

        @ParameterizedTest
        @ValueSource(longs = {-301, 301, -86_400, 86_400, -NOW})
        void aTimestampBeyondTheWindowIsStaleOrFuture(long offset) throws Exception {
            RejectedRequestException refusal = refusal(verifierAt(NOW), signedDelivery(NOW + offset, BODY));

            assertStaleOrReplayed(refusal);
            assertThat(seenRows()).isZero();
        }

        @Test
        void theWindowIsCountedInWholeSeconds() throws Exception {
            Clock justBeforeTheNextSecond = Clock.fixed(Instant.ofEpochSecond(NOW, 999_999_999), ZoneOffset.UTC);

            assertThatCode(() -> verifier(SECRET, justBeforeTheNextSecond).process(signedDelivery(NOW - 300, BODY)))
                    .doesNotThrowAnyException();
        }

        @Test
        void theWindowIsCheckedBeforeTheSignature() {
            Exchange staleAndWrong = delivery(String.valueOf(NOW - 301), "sha256=" + "0".repeat(64), BODY.getBytes());

            assertStaleOrReplayed(refusal(verifierAt(NOW), staleAndWrong));
        }

        @Test
        void theWindowComesFromTheSettings() throws Exception {
            BookingProperties oneMinute = new BookingProperties("https://app.geckobooking.dk/api/v1", "api-token",
                    "webhook-token", SECRET, Duration.ofSeconds(60), false);
            VerifyGeckoSignature verifier = new VerifyGeckoSignature(oneMinute, at(NOW),
                    new SeenSignatures(jdbc, at(NOW)));

            assertThatCode(() -> verifier.process(signedDelivery(NOW - 60, BODY))).doesNotThrowAnyException();
            assertStaleOrReplayed(refusal(verifier, signedDelivery(NOW - 61, BODY)));
        }
    }

    @Nested
    class Replays {

        @Test
        void theSameDeliveryAgainIsRefusedAsReplayed() throws Exception {
            verifierAt(NOW).process(signedDelivery(NOW, BODY));

            assertStaleOrReplayed(refusal(verifierAt(NOW + 10), signedDelivery(NOW, BODY)));
        }

        @Test
        void theSameSignatureInUpperCaseIsStillAReplay() throws Exception {
            verifierAt(NOW).process(signedDelivery(NOW, BODY));
            byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
            String upper = "sha256=" + signature(SECRET, String.valueOf(NOW), body).substring(7).toUpperCase(Locale.ROOT);

            assertStaleOrReplayed(refusal(verifierAt(NOW), delivery(String.valueOf(NOW), upper, body)));
        }

        @Test
        void theSameContentUnderANewTimestampIsANewSignature() throws Exception {
            verifierAt(NOW).process(signedDelivery(NOW, BODY));

            assertThatCode(() -> verifierAt(NOW + 1).process(signedDelivery(NOW + 1, BODY))).doesNotThrowAnyException();
            assertThat(seenRows()).isEqualTo(2);
        }

        @Test
        void onlyCorrectlySignedDeliveriesAreRecorded() throws Exception {
            byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 5; i++) {
                refusal(verifierAt(NOW), delivery(String.valueOf(NOW), "sha256=" + String.valueOf(i).repeat(64), body));
            }
            refusal(verifierAt(NOW), signedDelivery(NOW - 301, BODY));

            assertThat(seenRows()).isZero();
            assertThatCode(() -> verifierAt(NOW).process(signedDelivery(NOW, BODY))).doesNotThrowAnyException();
            assertThat(seenRows()).isOne();
        }

        @Test
        void aSignatureIsKeptUntilItsTimestampLeavesTheWindowNotTheWindowAfterItWasSeen() throws Exception {
            // signed 300 s ahead: still inside the window until NOW + 600
            verifierAt(NOW).process(signedDelivery(NOW + 300, BODY));
            // a purge runs on the next sighting, long enough after the first for a seen-at based purge to drop it
            verifierAt(NOW + 590).process(signedDelivery(NOW + 590, "{\"other\":1}"));

            assertStaleOrReplayed(refusal(verifierAt(NOW + 590), signedDelivery(NOW + 300, BODY)));
        }

        @Test
        void expiredSignaturesArePurged() throws Exception {
            verifierAt(NOW).process(signedDelivery(NOW, BODY));
            verifierAt(NOW).process(signedDelivery(NOW + 1, BODY));
            long later = NOW + WINDOW.toSeconds() + 1 + SeenSignatures.CLOCK_SKEW.toSeconds() + 1;

            verifierAt(later).process(signedDelivery(later, BODY));

            assertThat(seenRows()).isOne();
        }
    }

    @Nested
    class ADeliveryRefusedAfterVerification {

        static final String ROUTE_ID = "booking-webhook-signed";

        Route route(String id) {
            Route route = mock(Route.class);
            when(route.getRouteId()).thenReturn(id);
            return route;
        }

        Exchange verified() throws Exception {
            Exchange exchange = signedDelivery(NOW, BODY);
            exchange.getExchangeExtension().setFromRouteId(ROUTE_ID);
            verifierAt(NOW).process(exchange);
            return exchange;
        }

        void leaveRoute(Exchange exchange, String routeId) {
            for (Synchronization synchronization : exchange.getExchangeExtension().handoverCompletions()) {
                SynchronizationRouteAware routeAware = synchronization.getRouteSynchronization();
                assertThat(routeAware).as("route-aware synchronization").isNotNull();
                routeAware.onAfterRoute(route(routeId), exchange);
                exchange.getExchangeExtension().addOnCompletion(synchronization);
            }
        }

        @Test
        void forgetsItsSignatureSoAnIdenticalRetryIsJudgedOnItsOwn() throws Exception {
            Exchange exchange = verified();
            // what the webhook-errors handler leaves behind when a later step refuses the delivery
            exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new IllegalStateException("database down"));

            leaveRoute(exchange, ROUTE_ID);

            assertThat(seenRows()).isZero();
            assertThatCode(() -> verifierAt(NOW).process(signedDelivery(NOW, BODY))).doesNotThrowAnyException();
        }

        @Test
        void aStoredDeliveryKeepsItsSignature() throws Exception {
            Exchange exchange = verified();

            leaveRoute(exchange, ROUTE_ID);

            assertThat(seenRows()).isOne();
            assertStaleOrReplayed(refusal(verifierAt(NOW), signedDelivery(NOW, BODY)));
        }

        @Test
        void leavingAnotherRouteOnTheWayReleasesNothing() throws Exception {
            Exchange exchange = verified();
            exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new IllegalStateException("handled elsewhere"));

            leaveRoute(exchange, "some-inner-route");

            assertThat(seenRows()).isOne();
        }
    }
}
