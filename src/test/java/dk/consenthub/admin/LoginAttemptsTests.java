package dk.consenthub.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dk.consenthub.support.SteppingClock;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LoginAttemptsTests {

    final SteppingClock clock = new SteppingClock();
    final AdminProperties.LoginThrottle limits = new AdminProperties.LoginThrottle(true, 3, 10,
            Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofMinutes(5));
    final LoginAttempts attempts = new LoginAttempts(limits, clock);

    void fail(int times, String user, String address) {
        for (int i = 0; i < times; i++) {
            attempts.failed(user, address);
        }
    }

    @Nested
    class PerUser {

        @Test
        void locksOutAtTheLimitWhateverTheAddressAndTheCaseOfTheName() {
            fail(2, "anne", "10.0.0.1");
            assertThat(attempts.lockedFor("anne", "10.0.0.1")).isEmpty();

            assertThat(attempts.failed("ANNE", "10.0.0.2")).hasValue(
                    new LoginAttempts.Lockout(LoginAttempts.Scope.USER, Duration.ofMinutes(1)));
            assertThat(attempts.lockedFor("anne", "10.0.0.3")).hasValue(Duration.ofMinutes(1));
            assertThat(attempts.lockedFor("bent", "10.0.0.3")).isEmpty();
        }

        @Test
        void doublesEachLockoutUpToTheLongest() {
            for (Duration expected : new Duration[] {Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4),
                    Duration.ofMinutes(5), Duration.ofMinutes(5)}) {
                fail(2, "anne", "10.0.0.1");
                assertThat(attempts.failed("anne", "10.0.0.1")).map(LoginAttempts.Lockout::duration).hasValue(expected);
                clock.step(expected.plusSeconds(1));
            }
        }

        @Test
        void forgetsFailuresOlderThanTheWindow() {
            fail(2, "anne", "10.0.0.1");
            clock.step(Duration.ofMinutes(16));

            assertThat(attempts.failed("anne", "10.0.0.1")).isEmpty();
        }

        @Test
        void startsTheBackOffAgainAfterAQuietWindow() {
            fail(3, "anne", "10.0.0.1");
            clock.step(Duration.ofMinutes(1).plus(Duration.ofMinutes(16)));

            fail(2, "anne", "10.0.0.1");
            assertThat(attempts.failed("anne", "10.0.0.1")).map(LoginAttempts.Lockout::duration)
                    .hasValue(Duration.ofMinutes(1));
        }

        @Test
        void aSuccessClearsTheName() {
            fail(2, "anne", "10.0.0.1");
            attempts.succeeded("Anne");

            assertThat(attempts.failed("anne", "10.0.0.1")).isEmpty();
        }
    }

    @Nested
    class PerAddress {

        @Test
        void locksOutAfterFailuresWithManyNames() {
            for (int i = 0; i < 9; i++) {
                assertThat(attempts.failed("name" + i, "10.0.0.9")).isEmpty();
            }

            assertThat(attempts.failed("name9", "10.0.0.9")).hasValue(
                    new LoginAttempts.Lockout(LoginAttempts.Scope.ADDRESS, Duration.ofMinutes(1)));
            assertThat(attempts.lockedFor("anne", "10.0.0.9")).isPresent();
            assertThat(attempts.lockedFor("anne", "10.0.0.8")).isEmpty();
        }

        @Test
        void aSuccessDoesNotClearTheAddress() {
            fail(9, "mallory", "10.0.0.9");
            attempts.succeeded("mallory");

            assertThat(attempts.failed("mallory", "10.0.0.9")).map(LoginAttempts.Lockout::scope)
                    .hasValue(LoginAttempts.Scope.ADDRESS);
        }
    }

    @Test
    void tracksABoundedNumberOfNames() {
        for (int i = 0; i < LoginAttempts.MAX_TRACKED + 100; i++) {
            attempts.failed("name" + i, "10.0." + (i / 250) + "." + (i % 250));
        }
        fail(3, "anne", "10.1.0.1");

        assertThat(attempts.lockedFor("anne", "10.1.0.1")).isPresent();
    }
}
