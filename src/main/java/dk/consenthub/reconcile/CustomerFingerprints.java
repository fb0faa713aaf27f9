package dk.consenthub.reconcile;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The last fingerprint the hub saw per Gecko customer, and the run that last saw it. A page of customers costs a
 * handful of statements, whatever its size: reads and touches go by id lists, saves by JDBC batches.
 */
@Repository
class CustomerFingerprints {

    /** Ids per IN list: well under any database's parameter limit. */
    private static final int CHUNK = 500;

    private final JdbcClient jdbc;
    private final JdbcTemplate plain;

    CustomerFingerprints(JdbcClient jdbc, JdbcTemplate plain) {
        this.jdbc = jdbc;
        this.plain = plain;
    }

    /** Known fingerprints of these customers; a customer never seen is absent. */
    Map<String, String> known(Collection<String> customerIds) {
        Map<String, String> known = new HashMap<>();
        for (List<String> chunk : chunks(customerIds)) {
            jdbc.sql("select gecko_customer_id, fingerprint from customer_fingerprint where gecko_customer_id in (:ids)")
                    .param("ids", chunk)
                    .query((RowCallbackHandler) rs -> known.put(rs.getString(1), rs.getString(2)));
        }
        return known;
    }

    /** Marks known customers as seen by this run; a customer seen again is no longer missing. */
    void touch(Collection<String> customerIds, String runId, Instant at) {
        for (List<String> chunk : chunks(customerIds)) {
            jdbc.sql("""
                    update customer_fingerprint set last_seen_run = :run, last_seen_at = :at, missing_since = null
                    where gecko_customer_id in (:ids)
                    """).param("run", runId).param("at", Timestamp.from(at)).param("ids", chunk).update();
        }
    }

    /** Stores the fingerprints of new and changed customers once their change has been decided. */
    void save(Collection<ScannedCustomer> customers, String runId, Instant at) {
        if (customers.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(at);
        Map<String, String> stored = known(customers.stream().map(ScannedCustomer::customerId).toList());
        List<ScannedCustomer> changed = new ArrayList<>();
        List<ScannedCustomer> fresh = new ArrayList<>();
        for (ScannedCustomer customer : customers) {
            (stored.containsKey(customer.customerId()) ? changed : fresh).add(customer);
        }
        plain.batchUpdate("""
                update customer_fingerprint set fingerprint = ?, last_seen_run = ?, last_seen_at = ?, missing_since = null
                where gecko_customer_id = ?
                """, changed, CHUNK, (ps, c) -> {
            ps.setString(1, c.fingerprint());
            ps.setString(2, runId);
            ps.setTimestamp(3, now);
            ps.setString(4, c.customerId());
        });
        plain.batchUpdate("""
                insert into customer_fingerprint (gecko_customer_id, fingerprint, last_seen_run, last_seen_at)
                values (?, ?, ?, ?)
                """, fresh, CHUNK, (ps, c) -> {
            ps.setString(1, c.customerId());
            ps.setString(2, c.fingerprint());
            ps.setString(3, runId);
            ps.setTimestamp(4, now);
        });
    }

    /**
     * After a complete scan: customers this run did not see are missing from Gecko. Marks when each was first
     * missed and answers how many are missing now.
     */
    long markMissing(String runId, Instant at) {
        jdbc.sql("""
                update customer_fingerprint set missing_since = :at
                where last_seen_run <> :run and missing_since is null
                """).param("at", Timestamp.from(at)).param("run", runId).update();
        return jdbc.sql("select count(*) from customer_fingerprint where last_seen_run <> :run")
                .param("run", runId).query(Long.class).single();
    }

    private static List<List<String>> chunks(Collection<String> ids) {
        List<String> all = List.copyOf(ids);
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += CHUNK) {
            chunks.add(all.subList(i, Math.min(all.size(), i + CHUNK)));
        }
        return chunks;
    }
}
