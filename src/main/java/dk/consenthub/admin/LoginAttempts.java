package dk.consenthub.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed logins per user name and per client address, in this node's memory: what {@link LoginThrottleFilter}
 * asks before it lets a password through, and tells after. Time is the hub's {@link Clock}.
 */
final class LoginAttempts {

    /** Names and addresses tracked at once; beyond it, those neither locked nor failing are dropped first. */
    static final int MAX_TRACKED = 10_000;

    enum Scope { USER, ADDRESS }

    /** A lockout that a failure started. */
    record Lockout(Scope scope, Duration duration) {
    }

    private final AdminProperties.LoginThrottle limits;
    private final Clock clock;
    private final Map<String, Counter> users = new ConcurrentHashMap<>();
    private final Map<String, Counter> addresses = new ConcurrentHashMap<>();

    LoginAttempts(AdminProperties.LoginThrottle limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** How long the user name or the address is still locked out (the longer of the two), if it is. */
    Optional<Duration> lockedFor(String user, String address) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        for (Counter counter : new Counter[] {users.get(key(user)), addresses.get(address)}) {
            if (counter != null) {
                Duration left = counter.lockedFor(now);
                wait = left.compareTo(wait) > 0 ? left : wait;
            }
        }
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    /** Counts a failure against both; the lockouts it started, if any. */
    Optional<Lockout> failed(String user, String address) {
        Instant now = clock.instant();
        Duration userLock = counter(users, key(user), now).fail(now, limits.maxFailuresPerUser());
        Duration addressLock = counter(addresses, address, now).fail(now, limits.maxFailuresPerAddress());
        if (userLock != null) {
            return Optional.of(new Lockout(Scope.USER, userLock));
        }
        return addressLock == null ? Optional.empty() : Optional.of(new Lockout(Scope.ADDRESS, addressLock));
    }

    /** A successful login clears its user name (not its address: one good account must not reset a guesser's). */
    void succeeded(String user) {
        users.remove(key(user));
    }

    private Counter counter(Map<String, Counter> counters, String key, Instant now) {
        if (counters.size() >= MAX_TRACKED && !counters.containsKey(key)) {
            counters.values().removeIf(counter -> counter.forgotten(now));
            if (counters.size() >= MAX_TRACKED) {
                counters.values().removeIf(counter -> counter.lockedFor(now).isZero());
            }
        }
        return counters.compute(key, (k, counter) -> counter == null || counter.forgotten(now) ? new Counter() : counter);
    }

    /** User names compare as the user store does, case-insensitively. */
    private static String key(String user) {
        return user.toLowerCase(Locale.ROOT);
    }

    private final class Counter {

        private int failures;
        private Instant windowStart;
        private Instant lockedUntil = Instant.MIN;
        private int lockouts;
        private Instant lastSeen = Instant.MIN;

        synchronized Duration lockedFor(Instant now) {
            return now.isBefore(lockedUntil) ? Duration.between(now, lockedUntil) : Duration.ZERO;
        }

        /** Quiet for a whole window since its last failure or lockout: its back-off starts again from the bottom. */
        synchronized boolean forgotten(Instant now) {
            return !lastSeen.plus(limits.window()).isAfter(now);
        }

        /** The lockout this failure starts, or null. */
        synchronized Duration fail(Instant now, int max) {
            if (windowStart == null || !windowStart.plus(limits.window()).isAfter(now)) {
                windowStart = now;
                failures = 0;
            }
            failures++;
            lastSeen = now;
            if (failures < max) {
                return null;
            }
            Duration lockout = backOff();
            lockouts++;
            failures = 0;
            windowStart = null;
            lockedUntil = now.plus(lockout);
            lastSeen = lockedUntil;
            return lockout;
        }

        private Duration backOff() {
            Duration lockout = limits.lockout();
            for (int i = 0; i < lockouts && lockout.compareTo(limits.maxLockout()) < 0; i++) {
                lockout = lockout.multipliedBy(2);
            }
            return lockout.compareTo(limits.maxLockout()) > 0 ? limits.maxLockout() : lockout;
        }
    }
}
