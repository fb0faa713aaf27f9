package dk.consenthub.support;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Puts the test hub back after each test, whether the test passed or not: the stubs it added to the sandbox servers
 * are removed and the clock it moved is reset, so the next test meets the hub as it started.
 */
public class HubTestExtension implements AfterEachCallback {

    @Override
    public void afterEach(ExtensionContext context) {
        SpringExtension.getApplicationContext(context).getBean(Hub.class).afterTest();
    }
}
