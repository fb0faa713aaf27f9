package dk.consenthub.egress;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.pattern.PatternLayoutEncoderBase;

/**
 * The encoder of every appender in {@code logback-spring.xml}: a pattern layout like Logback's own, except that
 * each finished line passes the {@link CprDetector} before it is written. The whole line is masked, not single
 * conversion words, so the message, its arguments, MDC values, exception messages and causes in the stack trace
 * are all covered, including the exception text Logback appends when a pattern has no {@code %ex} word.
 *
 * <p>
 * Health text cannot be recognised in free text; the hub keeps it out of the log by never logging payloads.
 */
public class CprMaskingPatternLayoutEncoder extends PatternLayoutEncoderBase<ILoggingEvent> {

    @Override
    public void start() {
        PatternLayout masking = new CprMaskingPatternLayout();
        masking.setContext(context);
        masking.setPattern(getPattern());
        masking.setOutputPatternAsHeader(outputPatternAsHeader);
        masking.start();
        this.layout = masking;
        super.start();
    }

    static final class CprMaskingPatternLayout extends PatternLayout {

        // Logback is configured before Spring exists, so the detector cannot be a bean; it is stateless.
        private static final CprDetector DETECTOR = new CprDetector();

        @Override
        public String doLayout(ILoggingEvent event) {
            return DETECTOR.redact(super.doLayout(event));
        }
    }
}
