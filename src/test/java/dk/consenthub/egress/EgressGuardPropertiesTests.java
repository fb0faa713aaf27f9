package dk.consenthub.egress;

import static dk.consenthub.egress.EgressGuards.DETECTOR;
import static dk.consenthub.egress.EgressGuards.guard;
import static dk.consenthub.egress.EgressGuards.put;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Generated bodies against {@link EgressGuard}: a CPR number planted in any field never leaves. */
class EgressGuardPropertiesTests {

    static final String[] FORMS = {"%s-%s", "%s%s", "%s %s", "%s\u00A0%s", "%s\u2013%s", "%s/%s", "%s_%s", "%s.%s",
            "%s - %s", "%s\u200B%s", "%s\u00AD-%s"};

    @Provide
    Arbitrary<String> cprs() {
        return Arbitraries.integers().between(0, 20_000).flatMap(day -> Arbitraries.integers().between(0, 9999)
                .flatMap(seq -> Arbitraries.of(FORMS).map(form -> {
                    java.time.LocalDate date = java.time.LocalDate.of(1940, 1, 1).plusDays(day % 21_000);
                    String ddmmyy = String.format("%02d%02d%02d", date.getDayOfMonth(), date.getMonthValue(), date.getYear() % 100);
                    return String.format(form, ddmmyy, String.format("%04d", seq % 4000));
                })));
    }

    @Property(tries = 500)
    void noCprLeavesWhereverItIsPlanted(@ForAll("cprs") String cpr,
                                       @ForAll("fieldNames") String field,
                                       @ForAll("words") String before,
                                       @ForAll("words") String after) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email_address", "client@example.dk");
        body.put("status", "subscribed");
        Map<String, Object> merge = new LinkedHashMap<>();
        merge.put("FNAME", "Anna");
        merge.put(field, before + " " + cpr + " " + after);
        body.put("merge_fields", merge);
        body.put(field, before + cpr + after);

        GuardedRequest guarded;
        try {
            guarded = guard(EgressProperties.Masking.REDACT).inspect(put(body));
        } catch (EgressBlockedException blocked) {
            return; // never sent: fine
        }
        String everything = guarded.url() + " " + guarded.headers() + " " + new String(guarded.body(), StandardCharsets.UTF_8);
        assertThat(DETECTOR.containsCpr(everything)).as(everything).isFalse();
    }

    @Provide
    Arbitrary<String> fieldNames() {
        return Arbitraries.of("FNAME", "NOTES", "CUSTOMERIMPORTANTNOTE", "comment", "address", "status", "tags");
    }

    @Provide
    Arbitrary<String> words() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyzæøå .,:;()").ofMaxLength(20);
    }
}
