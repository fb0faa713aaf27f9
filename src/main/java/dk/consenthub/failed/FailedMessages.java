package dk.consenthub.failed;

import dk.consenthub.failed.FailedMessageStore.Status;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What admins may see of the failed store: metadata and the hub's masked error text. Never a payload, never a
 * value from one.
 */
@Component
public class FailedMessages {

    public static final int MAX_PAGE_SIZE = 500;

    private static final String COLUMNS = """
            id, inbox_event_id, flow, failed_step, target, error_type, message_type, group_key, masked_message,
            attempts, first_failed_at, last_failed_at, status, status_changed_at""";

    private final JdbcClient jdbc;
    private final FailedMessageStore store;

    FailedMessages(JdbcClient jdbc, FailedMessageStore store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    /** Sets failed messages aside: no replay, no listing among the failed; retention removes them later. */
    public int archive(Selection selection) {
        validate(selection, false);
        return store.transition(selection.ids(), selection.group(), Status.FAILED, Status.ARCHIVED);
    }

    /** Brings archived messages back to the failed ones, to be replayed. */
    public int restore(Selection selection) {
        validate(selection, false);
        return store.transition(selection.ids(), selection.group(), Status.ARCHIVED, Status.FAILED);
    }

    /**
     * The messages a selection means, in the order they failed: listed ids as given (whatever their status: a
     * replay skips those not failed), or the failed messages of a group, or all failed messages.
     */
    List<String> select(Selection selection) {
        validate(selection, true);
        if (selection.ids() != null) {
            return selection.ids().stream().distinct().toList();
        }
        String where = selection.group() != null ? " and group_key = :group" : "";
        var query = jdbc.sql("select id from failed_message where status = 'FAILED'" + where
                + " order by first_failed_at, id");
        if (selection.group() != null) {
            query = query.param("group", selection.group());
        }
        return query.query(String.class).list();
    }

    private void validate(Selection selection, boolean allowAll) {
        if (selection == null) {
            throw new InvalidSelectionException(allowAll ? List.of("ids", "group", "all") : List.of("ids", "group"),
                    "the body must be a JSON object");
        }
        int given = (selection.ids() != null ? 1 : 0) + (selection.group() != null ? 1 : 0)
                + (selection.isAll() ? 1 : 0);
        List<String> fields = allowAll ? List.of("ids", "group", "all") : List.of("ids", "group");
        if (given != 1 || (!allowAll && selection.all() != null)) {
            throw new InvalidSelectionException(fields, "exactly one of " + String.join(", ", fields) + " is required");
        }
        if (selection.ids() != null) {
            if (selection.ids().isEmpty() || selection.ids().size() > 10_000
                    || selection.ids().stream().anyMatch(id -> id == null || id.isBlank())) {
                throw new InvalidSelectionException("ids", "must list 1 to 10000 failed-message ids");
            }
            if (!unknown(selection.ids()).isEmpty()) {
                throw new InvalidSelectionException("ids", "names failed messages that do not exist");
            }
        }
        if (selection.group() != null && (selection.group().isBlank() || !groupExists(selection.group()))) {
            throw new InvalidSelectionException("group", "matches no failed message");
        }
    }

    /** A page of messages, newest failure first. Every filter is optional. */
    public Page<View> page(Filter filter, int page, int size) {
        if (page < 0) {
            throw new InvalidSelectionException("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidSelectionException("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(filter, params);
        long total = jdbc.sql("select count(*) from failed_message" + where).params(params).query(Long.class).single();
        List<View> items = jdbc.sql("select " + COLUMNS + " from failed_message" + where
                        + " order by last_failed_at desc, id limit :limit offset :offset")
                .params(params).param("limit", size).param("offset", (long) page * size)
                .query((rs, n) -> view(rs)).list();
        return new Page<>(items, page, size, total);
    }

    /** Groups of messages in {@code status} (target x error type x message type), largest first. */
    public List<Group> groups(Status status) {
        return jdbc.sql("""
                select group_key, target, error_type, message_type, count(*), min(first_failed_at), max(last_failed_at)
                from failed_message where status = :status
                group by group_key, target, error_type, message_type
                order by count(*) desc, group_key
                """).param("status", status.name())
                .query((rs, n) -> new Group(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), instant(rs, 6), instant(rs, 7)))
                .list();
    }

    public List<Group> groups() {
        return groups(Status.FAILED);
    }

    public Optional<View> view(String id) {
        return jdbc.sql("select " + COLUMNS + " from failed_message where id = :id").param("id", id)
                .query((rs, n) -> view(rs)).optional();
    }

    public boolean groupExists(String group) {
        return jdbc.sql("select count(*) from failed_message where group_key = :group").param("group", group)
                .query(Long.class).single() > 0;
    }

    /** The ids among {@code ids} that are not in the store. */
    public List<String> unknown(List<String> ids) {
        java.util.Set<String> known = new java.util.HashSet<>();
        for (int from = 0; from < ids.size(); from += 500) {
            known.addAll(jdbc.sql("select id from failed_message where id in (:ids)")
                    .param("ids", ids.subList(from, Math.min(ids.size(), from + 500))).query(String.class).list());
        }
        return ids.stream().filter(id -> !known.contains(id)).toList();
    }

    private static String where(Filter filter, Map<String, Object> params) {
        List<String> conditions = new ArrayList<>();
        if (filter.status() != null) {
            conditions.add("status = :status");
            params.put("status", filter.status().name());
        }
        if (filter.target() != null) {
            conditions.add("target = :target");
            params.put("target", filter.target());
        }
        if (filter.errorType() != null) {
            conditions.add("error_type = :errorType");
            params.put("errorType", filter.errorType());
        }
        if (filter.group() != null) {
            conditions.add("group_key = :group");
            params.put("group", filter.group());
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    private static View view(ResultSet rs) throws SQLException {
        return new View(rs.getString("id"), rs.getString("inbox_event_id"), rs.getString("flow"),
                rs.getString("failed_step"), rs.getString("target"), rs.getString("error_type"),
                rs.getString("message_type"), rs.getString("group_key"), rs.getString("masked_message"),
                rs.getInt("attempts"), instant(rs, "first_failed_at"), instant(rs, "last_failed_at"),
                Status.valueOf(rs.getString("status")), instant(rs, "status_changed_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        java.sql.Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        java.sql.Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    /** Every field optional: {@code null} matches all. */
    public record Filter(Status status, String target, String errorType, String group) {
    }

    public record Page<T>(List<T> items, int page, int size, long total) {
    }

    public record Group(String groupKey, String target, String errorType, String messageType, long count,
                        Instant firstFailedAt, Instant lastFailedAt) {
    }

    /** One failed message as admins see it: metadata and the masked error, no payload. */
    public record View(String id, String inboxEventId, String flow, String failedStep, String target,
                       String errorType, String messageType, String groupKey, String maskedMessage, int attempts,
                       Instant firstFailedAt, Instant lastFailedAt, Status status, Instant statusChangedAt) {
    }
}
