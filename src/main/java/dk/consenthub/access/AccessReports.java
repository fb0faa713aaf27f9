package dk.consenthub.access;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import dk.consenthub.system.PayloadCipher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * A case's report: the JSON document, opened only to be read by staff, and the same as a readable document in
 * Danish or English, HTML (the admin page's template engine) or PDF (OpenHTMLtoPDF). It is never sent anywhere by
 * the hub; after {@code hub.access.retention} it is deleted and no longer served.
 */
@Component("accessReports")
public class AccessReports {

    /** The languages a report is written in. */
    public static final List<String> LANGUAGES = List.of("da", "en");

    public enum State { MISSING, NOT_READY, EXPIRED, READY }

    /** @param json the report, when {@link State#READY} */
    public record Report(State state, JsonNode json) {
    }

    private static final Logger log = LoggerFactory.getLogger(AccessReports.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final PayloadCipher cipher;
    private final ObjectMapper json;
    private final ITemplateEngine templates;
    private final Clock clock;

    AccessReports(JdbcClient jdbc, PayloadCipher cipher, ObjectMapper json, ITemplateEngine templates, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.json = json;
        this.templates = templates;
        this.clock = clock;
    }

    public Report report(String caseId) {
        record Row(String status, Instant expiresAt, String keyId, byte[] report) {
        }
        Row row = jdbc.sql("select status, expires_at, report_key_id, report from access_case where id = :id")
                .param("id", caseId).query((rs, n) -> new Row(rs.getString(1),
                        rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getBytes(4))).optional().orElse(null);
        if (row == null) {
            return new Report(State.MISSING, null);
        }
        if (row.status().equals(AccessCases.Status.OPEN.name())) {
            return new Report(State.NOT_READY, null);
        }
        if (row.report() == null || !row.expiresAt().isAfter(clock.instant())) {
            return new Report(State.EXPIRED, null);
        }
        try {
            return new Report(State.READY, json.readTree(cipher.open(new PayloadCipher.Sealed(row.keyId(),
                    row.report()), "access_case", caseId)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The report as an XHTML document in {@code language} ({@link #LANGUAGES}). */
    public String html(JsonNode report, String language) {
        Locale locale = Locale.forLanguageTag(language);
        ResourceBundle bundle = ResourceBundle.getBundle("access/report", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        Map<String, String> labels = new HashMap<>();
        bundle.keySet().forEach(key -> labels.put(key, bundle.getString(key)));
        Context context = new Context(locale, Map.of("report", json.convertValue(report, MAP), "t", labels,
                "lang", language));
        return templates.process("access/report", context);
    }

    /** The report as a PDF document in {@code language}. */
    public byte[] pdf(JsonNode report, String language) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(html(report, language), null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Deletes the reports past their retention; the cases stay, without them. */
    public int purgeExpired() {
        Timestamp now = Timestamp.from(clock.instant());
        int purged = jdbc.sql("""
                update access_case set report = null, report_key_id = null, purged_at = :now
                where report is not null and expires_at <= :now""").param("now", now).update();
        if (purged > 0) {
            log.info("Deleted {} expired access report(s)", purged);
        }
        return purged;
    }
}
