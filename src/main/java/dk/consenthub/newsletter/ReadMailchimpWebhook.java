package dk.consenthub.newsletter;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.inbox.InputChecks;
import dk.consenthub.inbox.NewInboxEvent;
import dk.consenthub.system.RejectedRequestException;
import dk.consenthub.system.RejectedRequestException.FieldProblem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Reads a Mailchimp webhook POST ({@code application/x-www-form-urlencoded}: {@code type}, {@code fired_at},
 * {@code data[...]}) into a {@link MailchimpWebhookEvent} for the inbox. Repeated deliveries (Mailchimp retries for
 * 75 minutes) are the same event: their content is equal.
 */
@Component("readMailchimpWebhook")
class ReadMailchimpWebhook implements Processor {

    static final Set<String> TYPES = Set.of("subscribe", "unsubscribe", "profile", "upemail", "cleaned", "campaign");
    private static final DateTimeFormatter FIRED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** The shape of Mailchimp's form keys: a problem names a key only when it has this shape (never echo input). */
    private static final Pattern FORM_KEY = Pattern.compile("[a-z_]{1,20}(\\[[a-z_]{1,20}\\])?");

    private final ObjectMapper json;

    ReadMailchimpWebhook(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String contentType = exchange.getIn().getHeader(Exchange.CONTENT_TYPE, "", String.class).toLowerCase(Locale.ROOT);
        if (!contentType.startsWith("application/x-www-form-urlencoded")) {
            throw new RejectedRequestException(415, "Unsupported Media Type",
                    "Content-Type must be application/x-www-form-urlencoded.",
                    List.of(new FieldProblem("Content-Type", "must be application/x-www-form-urlencoded")));
        }
        Map<String, String> form = parse(rawBody(exchange));
        MailchimpWebhookEvent event = read(form);
        // the address orders one person's events (and lets an erasure find them); equal deliveries have equal content
        String subject = event.email() == null ? event.type() + "|" + event.firedAt()
                : event.email().trim().toLowerCase(Locale.ROOT);
        exchange.getIn().setBody(new NewInboxEvent("mailchimp", MailchimpWebhookEvent.TYPE, subject,
                json.writeValueAsBytes(event), NewInboxEvent.Dedup.SAME_CONTENT));
    }

    /**
     * The body exactly as sent. Camel's platform-http hands a form body over as a map of values it has only half
     * decoded ({@code +} but not {@code %3A}); the webhook filter has buffered the raw bytes, so read those.
     */
    private static byte[] rawBody(Exchange exchange) throws java.io.IOException {
        jakarta.servlet.http.HttpServletRequest request =
                exchange.getIn().getHeader("CamelHttpServletRequest", jakarta.servlet.http.HttpServletRequest.class);
        if (request != null) {
            return request.getInputStream().readAllBytes();
        }
        return exchange.getIn().getBody(byte[].class);
    }

    static Map<String, String> parse(byte[] body) {
        Map<String, String> form = new HashMap<>();
        if (body == null) {
            return form;
        }
        for (String pair : new String(body, StandardCharsets.US_ASCII).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            Optional<String> key = InputChecks.decodeFormComponent(eq < 0 ? pair : pair.substring(0, eq));
            Optional<String> value = eq < 0 ? Optional.of("") : InputChecks.decodeFormComponent(pair.substring(eq + 1));
            if (key.isEmpty() || value.isEmpty()) {
                throw RejectedRequestException.badRequest("The form body is not well-formed UTF-8.",
                        List.of(new FieldProblem(key.filter(FORM_KEY.asMatchPredicate()).orElse("body"),
                                "must be well-formed, UTF-8 percent-encoded")));
            }
            form.putIfAbsent(key.get(), InputChecks.trimSpaces(value.get()));
        }
        return form;
    }

    static MailchimpWebhookEvent read(Map<String, String> form) {
        String type = form.getOrDefault("type", "");
        if (!TYPES.contains(type)) {
            throw RejectedRequestException.field("type", "must be one of " + String.join(", ", TYPES.stream().sorted().toList()));
        }
        Instant firedAt;
        try {
            firedAt = LocalDateTime.parse(form.getOrDefault("fired_at", ""), FIRED_AT).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw RejectedRequestException.field("fired_at", "must be YYYY-MM-DD HH:MM:SS");
        }
        String email = emptyToNull(form.get(type.equals("upemail") ? "data[old_email]" : "data[email]"));
        String newEmail = emptyToNull(form.get("data[new_email]"));
        if (!type.equals("campaign")) {
            requireEmail(email, type.equals("upemail") ? "data[old_email]" : "data[email]");
        }
        if (type.equals("upemail")) {
            requireEmail(newEmail, "data[new_email]");
        }
        return new MailchimpWebhookEvent(type, firedAt, emptyToNull(form.get(type.equals("upemail") ? "data[new_id]" : "data[id]")),
                email, newEmail, emptyToNull(form.get("data[reason]")));
    }

    private static void requireEmail(String value, String field) {
        if (!InputChecks.isEmail(value)) {
            throw RejectedRequestException.field(field, "must be a well-formed email address");
        }
    }

    private static String emptyToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
