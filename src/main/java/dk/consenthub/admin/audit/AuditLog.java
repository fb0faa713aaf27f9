package dk.consenthub.admin.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The admin audit log: appended to on every admin action and failed login, read newest first. */
@Repository
public class AuditLog {

    private static final int MAX_IDS_LENGTH = 2000;
    private static final TypeReference<Map<String, String>> IDS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /**
     * @param action method and path pattern ({@code POST /admin/replays}), or a login event ({@code LOGIN_FAILED})
     * @param ids target identifiers by name; never personal values
     * @param outcome the HTTP status the action ended with
     */
    /** @param clientAddress where the request came from; null for work the hub did on its own */
    public record Entry(long id, Instant occurredAt, String actor, String action, Map<String, String> ids, int outcome,
                        String clientAddress) {
    }

    public static final String LOGIN_FAILED = "LOGIN_FAILED";
    /** Failed logins locked a user name or a client address out for a while. */
    public static final String LOGIN_LOCKED = "LOGIN_LOCKED";

    public record Page(List<Entry> items, int page, int size, long total) {
    }

    /** Records an action of the request this thread serves (its client address), or of none. */
    public void record(String actor, String action, Map<String, String> ids, int outcome) {
        record(actor, action, ids, outcome, currentClientAddress());
    }

    public void record(String actor, String action, Map<String, String> ids, int outcome, String clientAddress) {
        jdbc.sql("""
                insert into admin_audit (occurred_at, actor, action, target_ids, outcome, client_address)
                values (:at, :actor, :action, :ids, :outcome, :client)
                """).param("at", Timestamp.from(clock.instant())).param("actor", clip(actor, 200))
                .param("action", clip(action, 300)).param("ids", write(ids)).param("outcome", outcome)
                .param("client", clientAddress == null ? null : clip(clientAddress, 45)).update();
    }

    /** The address the current request came from (behind a proxy: as the forwarded headers say), if any. */
    public static String currentClientAddress() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest().getRemoteAddr() : null;
    }

    /** Newest first; {@code actor} matches exactly, {@code action} as a case-insensitive part; blank: any. */
    public Page page(String actor, String action, int page, int size) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (actor != null && !actor.isBlank()) {
            where.append(" and actor = :actor");
            params.put("actor", actor);
        }
        if (action != null && !action.isBlank()) {
            where.append(" and lower(action) like :action escape '!'");
            params.put("action", "%" + action.toLowerCase(Locale.ROOT).replaceAll("([!%_])", "!$1") + "%");
        }
        long total = jdbc.sql("select count(*) from admin_audit" + where).params(params).query(Long.class).single();
        List<Entry> items = jdbc.sql("select id, occurred_at, actor, action, target_ids, outcome, client_address from admin_audit"
                        + where + " order by occurred_at desc, id desc limit :size offset :offset")
                .params(params).param("size", size).param("offset", (long) page * size)
                .query(this::entry).list();
        return new Page(items, page, size, total);
    }

    /** Rows since a time; {@code action} exact, or null for all. */
    public long countSince(String action, Instant since) {
        return jdbc.sql("select count(*) from admin_audit where occurred_at >= :since"
                        + (action == null ? "" : " and action = :action"))
                .param("since", Timestamp.from(since)).params(action == null ? Map.of() : Map.of("action", action))
                .query(Long.class).single();
    }

    private Entry entry(ResultSet rs, int row) throws SQLException {
        return new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                read(rs.getString(5)), rs.getInt(6), rs.getString(7));
    }

    private String write(Map<String, String> ids) {
        try {
            String text = json.writeValueAsString(ids);
            return text.length() <= MAX_IDS_LENGTH ? text : json.writeValueAsString(Map.of("truncated", "true"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit ids are not serializable", e);
        }
    }

    private Map<String, String> read(String ids) {
        try {
            return json.readValue(ids, IDS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an audit row has unreadable ids", e);
        }
    }

    private static String clip(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
