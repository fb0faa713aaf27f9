package dk.consenthub.bench.baseline;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The durable part: AES-256-GCM bound to the row (as the hub seals), one insert with a unique key. */
@Repository
class WebhookInbox {

    private final JdbcClient jdbc;
    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    WebhookInbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        this.key = new SecretKeySpec(raw, "AES");
        jdbc.sql("""
                create table if not exists inbox_event (
                    id          varchar(36) not null primary key,
                    subject     varchar(64) not null,
                    dedup_key   varchar(64) not null unique,
                    payload     varbinary   not null,
                    received_at timestamp with time zone not null)
                """).update();
    }

    void insert(String id, String subject, String dedupKey, byte[] body) throws GeneralSecurityException {
        jdbc.sql("insert into inbox_event (id, subject, dedup_key, payload, received_at) values (?, ?, ?, ?, ?)")
                .params(id, subject, dedupKey, seal(body, id), Timestamp.from(Instant.now()))
                .update();
    }

    String idOf(String dedupKey) {
        return jdbc.sql("select id from inbox_event where dedup_key = ?").param(dedupKey).query(String.class).single();
    }

    private byte[] seal(byte[] plaintext, String rowId) throws GeneralSecurityException {
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
        cipher.updateAAD(("inbox_event\0" + rowId).getBytes(StandardCharsets.UTF_8));
        byte[] sealed = cipher.doFinal(plaintext);
        byte[] out = new byte[nonce.length + sealed.length];
        System.arraycopy(nonce, 0, out, 0, nonce.length);
        System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
        return out;
    }
}
