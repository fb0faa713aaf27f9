package dk.consenthub.reconcile;

import dk.consenthub.consent.ConsentReport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The customers a scan found new or changed, held until the run decides them: one byte array per customer with
 * what the decision and the fingerprint need (the id, the fingerprint and the consent report), in the order first
 * seen; a customer seen again (a page shifted under the scan) replaces its earlier record in place. On a first run
 * every customer is new, so this is as large as Gecko's list: about 150 bytes a customer, where the scanned records
 * took about 700 (six strings, a report, a tag list and a map entry each). Tags and last booking are not kept: the
 * scan step that needs them has already seen them.
 */
final class ChangedCustomers {

    /** Record index + 1 per slot, 0 for an empty one; open addressing, kept at most half full. */
    private int[] slots = new int[256];
    private byte[][] records = new byte[64][];
    private int size;

    void put(ScannedCustomer customer) {
        byte[] record = pack(customer);
        int mask = slots.length - 1;
        for (int i = spread(customer.customerId().hashCode()) & mask; ; i = (i + 1) & mask) {
            int slot = slots[i];
            if (slot == 0) {
                if (size == records.length) {
                    records = Arrays.copyOf(records, size * 2);
                }
                records[size++] = record;
                slots[i] = size;
                if (size * 2 > slots.length) {
                    rehash();
                }
                return;
            }
            if (customerId(records[slot - 1]).equals(customer.customerId())) {
                records[slot - 1] = record;
                return;
            }
        }
    }

    int size() {
        return size;
    }

    /** Lets go of every record: once decided and fingerprinted, the run needs them no more. */
    void clear() {
        slots = new int[256];
        records = new byte[64][];
        size = 0;
    }

    /** The customers from {@code from} (inclusive) to {@code to} (exclusive), in the order first seen. */
    List<ScannedCustomer> slice(int from, int to) {
        List<ScannedCustomer> customers = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            customers.add(unpack(records[i]));
        }
        return customers;
    }

    private void rehash() {
        int[] grown = new int[slots.length * 2];
        int mask = grown.length - 1;
        for (int index = 0; index < size; index++) {
            int i = spread(customerId(records[index]).hashCode()) & mask;
            while (grown[i] != 0) {
                i = (i + 1) & mask;
            }
            grown[i] = index + 1;
        }
        slots = grown;
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }

    private static byte[] pack(ScannedCustomer customer) {
        ConsentReport report = customer.report();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(160);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(customer.customerId());
            writeText(out, customer.fingerprint());
            writeText(out, report.source());
            writeText(out, report.kind());
            writeText(out, report.geckoCustomerId());
            writeText(out, report.email());
            writeText(out, report.newEmail());
            writeText(out, report.firstName());
            writeFlag(out, report.newsletter());
            out.writeBoolean(report.occurredAt() != null);
            if (report.occurredAt() != null) {
                out.writeLong(report.occurredAt().getEpochSecond());
                out.writeInt(report.occurredAt().getNano());
            }
            writeFlag(out, report.sms());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static ScannedCustomer unpack(byte[] record) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(record))) {
            String customerId = in.readUTF();
            String fingerprint = readText(in);
            String source = readText(in);
            String kind = readText(in);
            String geckoCustomerId = readText(in);
            String email = readText(in);
            String newEmail = readText(in);
            String firstName = readText(in);
            Boolean newsletter = readFlag(in);
            Instant occurredAt = in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
            Boolean sms = readFlag(in);
            return new ScannedCustomer(customerId, fingerprint, new ConsentReport(source, kind, geckoCustomerId, email,
                    newEmail, firstName, newsletter, occurredAt, sms), List.of(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String customerId(byte[] record) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(record))) {
            return in.readUTF();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        out.writeBoolean(text != null);
        if (text != null) {
            out.writeUTF(text);
        }
    }

    private static String readText(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    /** A Boolean that may be null, in one byte: 0 null, 1 false, 2 true. */
    private static void writeFlag(DataOutputStream out, Boolean flag) throws IOException {
        out.writeByte(flag == null ? 0 : flag ? 2 : 1);
    }

    private static Boolean readFlag(DataInputStream in) throws IOException {
        byte flag = in.readByte();
        return flag == 0 ? null : flag == 2;
    }
}
