package dk.consenthub.egress;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import dk.consenthub.inbox.InboxDispatch;
import dk.consenthub.support.HubIntegrationTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Channel;
import org.apache.camel.Navigate;
import org.apache.camel.Route;
import org.apache.camel.processor.errorhandler.ExceptionPolicy;
import org.apache.camel.processor.errorhandler.RedeliveryErrorHandler;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * The running hub's logging and Camel set-up: every appender masks CPR numbers, Camel masks its log output, traces
 * nothing and no error handler logs the body of an exhausted delivery.
 */
@HubIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class LogMaskingConfigurationIntegrationTests {

    @Autowired
    CamelContext camel;

    @Nested
    class TheLogItself {

        @Test
        void aCprLoggedByTheHubIsMaskedInTheCapturedOutput(CapturedOutput output) {
            PlantedCpr planted = PlantedCpr.fresh();

            LoggerFactory.getLogger(InboxDispatch.class).error("Capture check for {} and {}", planted.dashed(),
                    planted.nbsp(), new IllegalStateException("cause " + planted.cpr(),
                            new IllegalArgumentException("root " + planted.dotted())));

            assertThat(output.getAll()).contains("Capture check for [CPR] and [CPR]")
                    .contains("java.lang.IllegalStateException: cause [CPR]")
                    .contains("Caused by: java.lang.IllegalArgumentException: root [CPR]");
            assertThat(output.getAll()).doesNotContain(planted.cpr(), planted.datePart(), planted.dotted().substring(0, 8));
        }

        @Test
        void everyAppenderOfTheRunningHubWritesThroughTheMaskingEncoder() {
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
            for (Logger logger : context.getLoggerList()) {
                logger.iteratorForAppenders().forEachRemaining(appenders::add);
            }

            assertThat(appenders).extracting(Appender::getName).contains("CONSOLE");
            assertThat(appenders).allSatisfy(appender -> assertThat(appender)
                    .isInstanceOfSatisfying(OutputStreamAppender.class, out -> assertThat(out.getEncoder())
                            .isInstanceOf(CprMaskingPatternLayoutEncoder.class)));
        }
    }

    @Nested
    class Camel {

        @Test
        void masksLogOutputAndDoesNotTrace() {
            assertThat(camel.isLogMask()).isTrue();
            assertThat(camel.isTracing()).isFalse();
            assertThat(camel.isBacklogTracing()).isFalse();
        }

        @Test
        void noErrorHandlerLogsTheMessageBodyOfAnExhaustedDelivery() {
            List<RedeliveryErrorHandler> handlers = errorHandlers();
            List<ExceptionPolicy> policies = new ArrayList<>();

            for (RedeliveryErrorHandler handler : handlers) {
                assertThat(handler.getRedeliveryPolicy().isLogExhaustedMessageBody()).isFalse();
                for (ExceptionPolicy policy : exceptionPolicies(handler)) {
                    policies.add(policy);
                    assertThat(policy.createRedeliveryPolicy(camel, handler.getRedeliveryPolicy())
                            .isLogExhaustedMessageBody()).as(policy.getExceptions().toString()).isFalse();
                }
            }
            assertThat(policies).as("the egress retry policy was inspected")
                    .anySatisfy(policy -> assertThat(policy.getExceptions())
                            .contains(RetryableEgressException.class.getName()));
        }

        /** Camel keeps a handler's onException policies to itself; null until the first is added. */
        List<ExceptionPolicy> exceptionPolicies(RedeliveryErrorHandler handler) {
            Map<?, ?> policies = (Map<?, ?>) ReflectionTestUtils.getField(handler, "exceptionPolicies");
            return policies == null ? List.of()
                    : policies.values().stream().map(ExceptionPolicy.class::cast).toList();
        }

        List<RedeliveryErrorHandler> errorHandlers() {
            Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            List<RedeliveryErrorHandler> found = new ArrayList<>();
            for (Route route : camel.getRoutes()) {
                collect(route.navigate(), seen, found);
            }
            return found;
        }

        void collect(Object node, Set<Object> seen, List<RedeliveryErrorHandler> found) {
            if (node == null || !seen.add(node)) {
                return;
            }
            if (node instanceof RedeliveryErrorHandler handler) {
                found.add(handler);
            }
            if (node instanceof Channel channel) {
                collect(channel.getErrorHandler(), seen, found);
                collect(channel.getNextProcessor(), seen, found);
            }
            if (node instanceof Navigate<?> navigate && navigate.hasNext()) {
                for (Object next : navigate.next()) {
                    collect(next, seen, found);
                }
            }
        }
    }
}
