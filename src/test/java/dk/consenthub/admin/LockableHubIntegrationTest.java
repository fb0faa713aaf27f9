package dk.consenthub.admin;

import dk.consenthub.support.HubIntegrationTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * The test hub of {@link HubIntegrationTest} with users of its own to lock out ({@code locked-a} ... {@code locked-f},
 * VIEWER, password {@link #PASSWORD}), so a lockout never touches the users other tests sign in with; a client
 * address locked out after {@link #ADDRESS_LIMIT} failures; and its actuator on a management port bound to loopback
 * (port {@code local.management.port}). One context for every class that uses it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@HubIntegrationTest
@TestPropertySource(properties = {
        "hub.admin.users[0].name=" + HubIntegrationTest.VIEWER,
        "hub.admin.users[0].password-hash=" + LockableHubIntegrationTest.HASH,
        "hub.admin.users[0].roles=VIEWER",
        "hub.admin.users[1].name=locked-a",
        "hub.admin.users[1].password-hash=" + LockableHubIntegrationTest.HASH,
        "hub.admin.users[1].roles=VIEWER",
        "hub.admin.users[2].name=locked-b",
        "hub.admin.users[2].password-hash=" + LockableHubIntegrationTest.HASH,
        "hub.admin.users[2].roles=VIEWER",
        "hub.admin.users[3].name=locked-c",
        "hub.admin.users[3].password-hash=" + LockableHubIntegrationTest.HASH,
        "hub.admin.users[3].roles=VIEWER",
        "hub.admin.users[4].name=locked-d",
        "hub.admin.users[4].password-hash=" + LockableHubIntegrationTest.HASH,
        "hub.admin.users[4].roles=VIEWER",
        "hub.admin.users[5].name=locked-e",
        "hub.admin.users[5].password-hash=" + LockableHubIntegrationTest.HASH,
        "hub.admin.users[5].roles=VIEWER",
        "hub.admin.users[6].name=locked-f",
        "hub.admin.users[6].password-hash=" + LockableHubIntegrationTest.HASH,
        "hub.admin.users[6].roles=VIEWER",
        "hub.admin.login-throttle.max-failures-per-address=" + LockableHubIntegrationTest.ADDRESS_LIMIT,
        "management.server.port=0",
        "management.server.address=127.0.0.1"})
@interface LockableHubIntegrationTest {

    /** The password of every user here (the hash is the viewer's of {@link HubIntegrationTest}). */
    String PASSWORD = HubIntegrationTest.VIEWER_PASSWORD;
    String HASH = "$2a$10$W3C771XgEisNMuF0PyGG3eunO1KMlhmqtKvtgiQMOIETYDQhUmosG";
    int ADDRESS_LIMIT = 8;
}
