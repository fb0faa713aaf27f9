package dk.consenthub.support;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.support.ScheduledPollConsumer;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Spring keeps every test hub it started in its context cache, and each would go on polling its inbox, erasure tasks
 * and replay runs for the rest of the suite: a dozen sleeping hubs competing with the one under test for two cores.
 * Only the hub of the running test class polls; the others' schedulers are suspended (their pollers skip each turn,
 * Quartz stands by) and wake when a test class uses them again.
 */
public class OneHubAwake implements TestExecutionListener, Ordered {

    private static ApplicationContext awake;
    private static final java.util.Set<Scheduler> standingBy = new java.util.HashSet<>();

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }

    @Override
    public void beforeTestClass(TestContext testContext) {
        ApplicationContext current = testContext.getApplicationContext();
        synchronized (OneHubAwake.class) {
            if (awake != current) {
                if (awake instanceof ConfigurableApplicationContext previous && previous.isActive()) {
                    sleep(previous);
                }
                wake(current);
                awake = current;
            }
        }
    }

    private static void sleep(ApplicationContext context) {
        for (ScheduledPollConsumer consumer : schedulers(context)) {
            consumer.suspend();
        }
        for (Scheduler quartz : context.getBeansOfType(Scheduler.class).values()) {
            try {
                if (quartz.isStarted() && !quartz.isInStandbyMode()) {
                    quartz.standby();
                    standingBy.add(quartz);
                }
            } catch (SchedulerException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static void wake(ApplicationContext context) {
        for (ScheduledPollConsumer consumer : schedulers(context)) {
            consumer.resume();
        }
        for (Scheduler quartz : context.getBeansOfType(Scheduler.class).values()) {
            try {
                if (standingBy.remove(quartz) && !quartz.isShutdown()) {
                    quartz.start();
                }
            } catch (SchedulerException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static java.util.List<ScheduledPollConsumer> schedulers(ApplicationContext context) {
        return context.getBeansOfType(CamelContext.class).values().stream()
                .flatMap(camel -> camel.getRoutes().stream()).map(Route::getConsumer)
                .filter(ScheduledPollConsumer.class::isInstance).map(ScheduledPollConsumer.class::cast).toList();
    }
}
