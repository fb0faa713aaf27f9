package dk.consenthub.egress;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.status.Status;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link CprMaskingPatternLayoutEncoder} on its own Logback context, and {@code logback-spring.xml} as Joran reads it. */
class CprMaskingPatternLayoutEncoderTests {

    /** 15 July 1982; its date part {@code 150782} is in every written form whose date parts are not separated. */
    static final String CPR = "1507824417";
    static final String DATE_PART = "150782";
    static final String DOTTED_DATE = "15.07.82";

    static final String BOOT_LIKE_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %5p [%15.15t] %-40.40logger{39} : "
            + "[%X] %m%n%ex";

    final List<LoggerContext> contexts = new ArrayList<>();

    @AfterEach
    void stopContexts() {
        contexts.forEach(LoggerContext::stop);
    }

    static Stream<String> writtenForms() {
        return Stream.of("1507824417", "150782-4417", "150782 4417", "150782\u00A04417", "150782\u20134417",
                "150782\u20144417", "150782\u22124417", "150782\u202F4417", "15.07.82-4417", "15.07.82 4417",
                "15 07 82 4417", "15-07-82-4417", "150782 - 4417", "150782/4417", "150782_4417", "150782.4417",
                "15.07.1982-4417", "15/07/82-4417", "\uFF11\uFF15\uFF10\uFF17\uFF18\uFF12-\uFF14\uFF14\uFF11\uFF17",
                "150782\u200B4417", "150782\u00AD4417", "15\u200D07\u206082\uFEFF4417");
    }

    /** A context with one in-memory appender, as an appender in logback-spring.xml is built. */
    Capture capture(String pattern) {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        contexts.add(context);
        CprMaskingPatternLayoutEncoder encoder = new CprMaskingPatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setName("MEMORY");
        appender.setEncoder(encoder);
        appender.setOutputStream(bytes);
        appender.start();
        Logger logger = context.getLogger("dk.consenthub.inbox.InboxDispatch");
        logger.addAppender(appender);
        return new Capture(context, logger, bytes);
    }

    record Capture(LoggerContext context, Logger logger, ByteArrayOutputStream bytes) {

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    static void assertNoTraceOfTheCpr(String output) {
        assertThat(output).contains(CprDetector.REDACTED)
                .doesNotContain(CPR).doesNotContain(DATE_PART).doesNotContain(DOTTED_DATE).doesNotContain("4417");
        assertThat(new CprDetector().containsCpr(output)).as(output).isFalse();
    }

    @Nested
    class EveryPartOfTheLine {

        @ParameterizedTest
        @MethodSource("dk.consenthub.egress.CprMaskingPatternLayoutEncoderTests#writtenForms")
        void masksTheMessageText(String written) {
            Capture capture = capture(BOOT_LIKE_PATTERN);

            capture.logger().info("Customer " + written + " updated");

            assertNoTraceOfTheCpr(capture.text());
            assertThat(capture.text()).contains("Customer [CPR] updated");
        }

        @ParameterizedTest
        @MethodSource("dk.consenthub.egress.CprMaskingPatternLayoutEncoderTests#writtenForms")
        void masksPlaceholderArguments(String written) {
            Capture capture = capture(BOOT_LIKE_PATTERN);

            capture.logger().warn("Event {} for {} failed", "e-1", "anna" + written + "@example.dk");

            assertNoTraceOfTheCpr(capture.text());
            assertThat(capture.text()).contains("Event e-1 for anna[CPR]@example.dk failed");
        }

        @ParameterizedTest
        @MethodSource("dk.consenthub.egress.CprMaskingPatternLayoutEncoderTests#writtenForms")
        void masksTheExceptionMessage(String written) {
            Capture capture = capture(BOOT_LIKE_PATTERN);

            capture.logger().error("Dispatch failed", new IllegalStateException("no member for " + written));

            assertNoTraceOfTheCpr(capture.text());
            assertThat(capture.text()).contains("java.lang.IllegalStateException: no member for [CPR]")
                    .contains("\tat dk.consenthub.egress.CprMaskingPatternLayoutEncoderTests");
        }

        @Test
        void masksNestedCausesAndSuppressedExceptions() {
            Capture capture = capture(BOOT_LIKE_PATTERN);
            IllegalArgumentException root = new IllegalArgumentException("bad id 150782-4417");
            RuntimeException wrapped = new RuntimeException("outer", new IllegalStateException("middle 15.07.82 4417", root));
            wrapped.addSuppressed(new IllegalStateException("suppressed 150782\u20134417"));

            capture.logger().error("Dispatch failed", wrapped);

            String out = capture.text();
            assertNoTraceOfTheCpr(out);
            assertThat(out).contains("Caused by: java.lang.IllegalStateException: middle [CPR]")
                    .contains("Caused by: java.lang.IllegalArgumentException: bad id [CPR]")
                    .contains("Suppressed: java.lang.IllegalStateException: suppressed [CPR]");
        }

        @Test
        void masksAnExceptionLogbackAppendsToAPatternWithoutAnExceptionWord() {
            Capture capture = capture("%m%n");

            capture.logger().error("Dispatch failed", new IllegalStateException("no member for 1507824417"));

            assertNoTraceOfTheCpr(capture.text());
            assertThat(capture.text()).contains("java.lang.IllegalStateException: no member for [CPR]");
        }

        @Test
        void masksMdcValues() {
            Capture capture = capture(BOOT_LIKE_PATTERN);
            capture.context().getMDCAdapter().put("customer", "150782-4417");
            try {
                capture.logger().info("Consent changed");
            } finally {
                capture.context().getMDCAdapter().clear();
            }

            assertNoTraceOfTheCpr(capture.text());
            assertThat(capture.text()).contains("[customer=[CPR]] Consent changed");
        }

        @Test
        void masksStructuredKeyValues() {
            Capture capture = capture("%kvp %m%n");

            capture.logger().atInfo().addKeyValue("subject", "1507824417").log("Consent changed");

            assertNoTraceOfTheCpr(capture.text());
            assertThat(capture.text()).contains("subject=\"[CPR]\" Consent changed");
        }

        @Test
        void masksEveryCprOnALine() {
            Capture capture = capture("%m%n");

            capture.logger().info("{} and {} and {}", "1507824417", "010190-1234", "22.03.85 1234");

            assertThat(capture.text()).isEqualTo("[CPR] and [CPR] and [CPR]" + System.lineSeparator());
        }
    }

    @Nested
    class OrdinaryText {

        @ParameterizedTest
        @ValueSource(strings = {
                "Inbox event 3f2a9c1e-0b7d-4e21-9f3a-1507824417ab failed for good after 3 attempt(s)",
                "Call +45 20 30 40 50 or 20304050",
                "Retrying at 2024-01-15T10:05:45+01:00 (2024-01-15)",
                "Sandbox mailchimp: 12 stubs on http://localhost:8092",
                "Order 0101901234.50 paid, epoch 1700000000000",
                "mailchimp answered 503 (HTTP_503) to member-upsert"})
        void leavesLinesWithoutACprUntouched(String line) {
            Capture capture = capture("%m%n");

            capture.logger().info(line);

            assertThat(capture.text()).isEqualTo(line + System.lineSeparator());
        }

        @Test
        void keepsTheRestOfAMaskedLine() {
            Capture capture = capture("%-5level %logger{0} - %m%n");

            capture.logger().warn("Event 42 for {} on 2024-01-15, phone 20 30 40 50", "010190-1234");

            assertThat(capture.text()).isEqualTo(
                    "WARN  InboxDispatch - Event 42 for [CPR] on 2024-01-15, phone 20 30 40 50" + System.lineSeparator());
        }
    }

    @Nested
    class SpringLogbackConfiguration {

        final URL config = CprMaskingPatternLayoutEncoderTests.class.getResource("/logback-spring.xml");

        LoggerContext configure(String logFile) throws Exception {
            LoggerContext context = new LoggerContext();
            context.setMDCAdapter(new LogbackMDCAdapter());
            contexts.add(context);
            if (logFile != null) {
                context.putProperty("LOG_FILE", logFile); // what Boot does for logging.file.name / LOGGING_FILE_NAME
            }
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(config);
            List<String> errors = context.getStatusManager().getCopyOfStatusList().stream()
                    .filter(s -> s.getEffectiveLevel() >= Status.WARN).map(Status::getMessage).toList();
            assertThat(errors).isEmpty();
            return context;
        }

        static List<Appender<ILoggingEvent>> appenders(LoggerContext context) {
            List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
            for (Logger logger : context.getLoggerList()) {
                logger.iteratorForAppenders().forEachRemaining(appenders::add);
            }
            return appenders;
        }

        @Test
        void writesTheConsoleThroughTheMaskingEncoderAndNoFileByDefault() throws Exception {
            assertThat(System.getProperty("LOG_FILE")).as("LOG_FILE system property").isNull();
            LoggerContext context = configure(null);

            assertThat(appenders(context)).extracting(Appender::getName).containsExactly("CONSOLE");
            assertThat(appenders(context)).allSatisfy(appender -> assertThat(appender)
                    .isInstanceOfSatisfying(OutputStreamAppender.class, out -> assertThat(out.getEncoder())
                            .isInstanceOf(CprMaskingPatternLayoutEncoder.class)));
        }

        @Test
        void writesTheLogFileThroughTheMaskingEncoderWhenOneIsConfigured(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("consent-hub.log");
            LoggerContext context = configure(file.toString());

            assertThat(appenders(context)).extracting(Appender::getName).containsExactlyInAnyOrder("CONSOLE", "FILE");
            assertThat(appenders(context)).allSatisfy(appender -> assertThat(appender)
                    .isInstanceOfSatisfying(OutputStreamAppender.class, out -> assertThat(out.getEncoder())
                            .isInstanceOf(CprMaskingPatternLayoutEncoder.class)));
            context.getLogger("dk.consenthub.egress.CprMaskingPatternLayoutEncoderTests")
                    .error("File check for 150782-4417", new IllegalStateException("cause 1507824417"));
            context.stop();

            String written = Files.readString(file, StandardCharsets.UTF_8);
            assertNoTraceOfTheCpr(written);
            assertThat(written).contains(" ERROR ").contains("File check for [CPR]")
                    .contains("java.lang.IllegalStateException: cause [CPR]");
        }
    }
}
