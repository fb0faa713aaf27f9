package dk.consenthub.admin.audit;

import java.time.Duration;

/**
 * Failed logins locked a user name or a client address out of signing in.
 *
 * @param user the user name the failing attempt offered; written to the audit log only if it is a configured user
 * @param scope {@code user} or {@code address}: which limit was reached
 * @param lockout how long attempts are refused
 */
public record LoginLockedOut(String user, String scope, Duration lockout) {
}
