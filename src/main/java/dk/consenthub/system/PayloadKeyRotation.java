package dk.consenthub.system;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Key rotation: once a new key is active ({@code hub.crypto.active-key-id}), rows sealed under an older key stay
 * readable (each names its key) and this job re-seals them under the active one, a batch at a time
 * ({@code routes/key-rotation.camel.yaml}). Each row is rewritten by compare-and-set on its key id, so a row changed
 * meanwhile, or re-sealed by another node, is left alone. When {@code hub_crypto_rows_on_old_keys} reads 0, the old
 * key can be removed from {@code hub.crypto.keys}.
 */
@Component("payloadKeyRotation")
public class PayloadKeyRotation {

    /** A sealed column: the table (also the name its payloads are bound to), its key-id column and payload column. */
    record SealedColumn(String table, String keyColumn, String payloadColumn) {
    }

    static final List<SealedColumn> SEALED = List.of(
            new SealedColumn("inbox_event", "key_id", "payload"),
            new SealedColumn("failed_message", "key_id", "payload"),
            new SealedColumn("subject", "key_id", "email"),
            new SealedColumn("erasure_case", "key_id", "email"),
            new SealedColumn("access_case", "key_id", "email"),
            new SealedColumn("access_case", "report_key_id", "report"),
            new SealedColumn("access_task", "key_id", "section"));

    private static final Logger log = LoggerFactory.getLogger(PayloadKeyRotation.class);

    private final JdbcClient jdbc;
    private final PayloadCipher cipher;
    private volatile double remaining = Double.NaN;

    PayloadKeyRotation(JdbcClient jdbc, PayloadCipher cipher, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        // counted by each rotation run, not by every scrape (a count over each sealed table); NaN until the first run
        Gauge.builder("hub.crypto.rows.on.old.keys", this, rotation -> rotation.remaining)
                .description("Encrypted rows left on an older key after the last rotation run").register(meters);
    }

    /** Re-seals up to {@code batch} rows of each sealed column; answers how many it re-sealed. */
    public int reseal(int batch) {
        int resealed = 0;
        for (SealedColumn column : SEALED) {
            List<Row> rows = jdbc.sql("select id, " + column.keyColumn() + ", " + column.payloadColumn() + " from "
                            + column.table() + " where " + column.keyColumn() + " <> :active and "
                            + column.payloadColumn() + " is not null limit :batch")
                    .param("active", cipher.activeKeyId()).param("batch", batch)
                    .query((rs, n) -> new Row(rs.getString(1), new PayloadCipher.Sealed(rs.getString(2), rs.getBytes(3))))
                    .list();
            for (Row row : rows) {
                byte[] plain = cipher.open(row.sealed(), column.table(), row.id());
                PayloadCipher.Sealed fresh = cipher.seal(plain, column.table(), row.id());
                resealed += jdbc.sql("update " + column.table() + " set " + column.keyColumn() + " = :key, "
                                + column.payloadColumn() + " = :payload where id = :id and " + column.keyColumn() + " = :old")
                        .param("key", fresh.keyId()).param("payload", fresh.bytes()).param("id", row.id())
                        .param("old", row.sealed().keyId()).update();
            }
        }
        if (resealed > 0) {
            log.info("Key rotation: {} row(s) re-sealed under key {}", resealed, cipher.activeKeyId());
        }
        return resealed;
    }

    /** Re-seals batch after batch until no row is left on an old key; answers how many. */
    public int resealAll() {
        int total = 0;
        for (int resealed = reseal(500); resealed > 0; resealed = reseal(500)) {
            total += resealed;
        }
        remaining = rowsOnOldKeys();
        return total;
    }

    private long rowsOnOldKeys() {
        long rows = 0;
        for (SealedColumn column : SEALED) {
            rows += jdbc.sql("select count(*) from " + column.table() + " where " + column.keyColumn() + " <> :active and "
                    + column.payloadColumn() + " is not null").param("active", cipher.activeKeyId()).query(Long.class).single();
        }
        return rows;
    }

    private record Row(String id, PayloadCipher.Sealed sealed) {
    }
}
