package dk.consenthub.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dk.consenthub.consent.ConsentReport;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangedCustomersTests {

    static final Instant RUN_START = Instant.parse("2026-12-02T03:30:00.123456789Z");

    static ScannedCustomer customer(String id, String email, Boolean newsletter) {
        return new ScannedCustomer(id, "fp-" + id + "-" + email, new ConsentReport("gecko", "customer-updated", id,
                email, null, "Kunde", newsletter, RUN_START), List.of("Nyhedsbrev"), LocalDate.of(2026, 1, 5));
    }

    @Test
    void givesBackWhatTheDecisionAndTheFingerprintNeedWithoutTagsOrLastBooking() {
        ChangedCustomers changed = new ChangedCustomers();
        changed.put(customer("30000001", "mette@example.dk", true));
        changed.put(new ScannedCustomer("30000002", "fp", new ConsentReport("gecko", "customer-updated", "30000002",
                null, "ny@example.dk", null, null, null, Boolean.FALSE), List.of(), null));

        List<ScannedCustomer> back = changed.slice(0, 2);

        assertThat(back.get(0)).isEqualTo(new ScannedCustomer("30000001", "fp-30000001-mette@example.dk",
                customer("30000001", "mette@example.dk", true).report(), List.of(), null));
        assertThat(back.get(1).report()).isEqualTo(new ConsentReport("gecko", "customer-updated", "30000002", null,
                "ny@example.dk", null, null, null, Boolean.FALSE));
    }

    @Test
    void aCustomerSeenAgainReplacesTheEarlierRecordInItsPlace() {
        ChangedCustomers changed = new ChangedCustomers();
        changed.put(customer("1", "a@example.dk", true));
        changed.put(customer("2", "b@example.dk", true));
        changed.put(customer("1", "a.new@example.dk", false));

        assertThat(changed.size()).isEqualTo(2);
        assertThat(changed.slice(0, 2)).extracting(c -> c.report().email())
                .containsExactly("a.new@example.dk", "b@example.dk");
        assertThat(changed.slice(0, 1).get(0).report().newsletter()).isFalse();
    }

    @Test
    void keepsTheOrderFirstSeenAcrossManyCustomersAndGrowth() {
        ChangedCustomers changed = new ChangedCustomers();
        for (int i = 0; i < 50_000; i++) {
            changed.put(customer(String.valueOf(30_000_000 + i), "k" + i + "@example.dk", i % 3 == 0));
        }
        for (int i = 0; i < 50_000; i += 1_000) {
            changed.put(customer(String.valueOf(30_000_000 + i), "again" + i + "@example.dk", true));
        }

        assertThat(changed.size()).isEqualTo(50_000);
        List<ScannedCustomer> slice = changed.slice(999, 1_002);
        assertThat(slice).extracting(ScannedCustomer::customerId).containsExactly("30000999", "30001000", "30001001");
        assertThat(slice).extracting(c -> c.report().email())
                .containsExactly("k999@example.dk", "again1000@example.dk", "k1001@example.dk");

        changed.clear();
        changed.put(customer("30000005", "after@example.dk", true));
        assertThat(changed.size()).isEqualTo(1);
        assertThat(changed.slice(0, 1)).extracting(ScannedCustomer::customerId).containsExactly("30000005");
    }
}
