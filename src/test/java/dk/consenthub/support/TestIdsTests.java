package dk.consenthub.support;

import static org.assertj.core.api.Assertions.assertThat;

import dk.consenthub.egress.CprDetector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestIdsTests {

    @Test
    void idsAreNumericNeverRepeatedAndNeverReadAsACprNumber() {
        List<String> ids = new ArrayList<>(TestIds.customerIds(1_000));
        ids.add(TestIds.customerId());
        ids.add(TestIds.customerId());

        assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.matches("[1-9][0-9]{7}"))
                .noneMatch(id -> new CprDetector().containsCpr(id));
    }

    @Test
    void aBlockIsConsecutive() {
        List<String> block = TestIds.customerIds(3);

        assertThat(Long.parseLong(block.get(2)) - Long.parseLong(block.get(0))).isEqualTo(2);
    }

    @Test
    void anAddressStartsWithItsNameAndIsNeverRepeated() {
        String first = TestIds.email("mette");

        assertThat(first).startsWith("mette.").endsWith("@example.dk").isNotEqualTo(TestIds.email("mette"));
    }
}
