package dk.consenthub.egress;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.system.CryptoProperties;
import dk.consenthub.system.KeyedHasher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Throughput of {@link EgressGuard#inspect} on realistic Mailchimp bodies against plain Jackson read + write of the
 * same bytes, measured in one JMH run (the machine is shared and noisy: compare ratios, not absolute figures).
 * Not a test: surefire excludes {@code *Benchmark*}. How to run and the latest figures: {@code docs/benchmarks.md}.
 *
 * <p>
 * Payloads, seeded so every run sees the same bytes; each operation takes the next payload in turn:
 * <ul>
 * <li>{@code member}: 1,000 member upsert bodies ({@code PUT /lists/{id}/members/{md5}}, 1.1-2.4 KB, 1.75 KB on
 * average) that still carry the full Gecko customer record: name, e-mail, mobile, postal code, birthday, tags, and
 * {@code customerImportantNote}/{@code customerNote} with Danish health text, a CPR number (in eleven written forms: separators, 4-digit years, a zero-width space, full-width digits) in
 * about 30% of them. About 1% carry a CPR number in {@code merge_fields.FNAME}, which is allowed, so masking runs.</li>
 * <li>{@code batch}: 8 batch bodies ({@code POST /lists/{id}}, {@code {"members":[...500...],"update_existing":true}},
 * ~463 KB each); the members carry the same Gecko record with shorter notes (~0.9 KB each).</li>
 * </ul>
 *
 * <p>
 * What one operation includes:
 * <ul>
 * <li>{@code jacksonReadWrite} (the baseline): bytes to {@code Map}/{@code List} ({@code readValue(.., Object.class)})
 * and back to bytes ({@code writeValueAsBytes}).</li>
 * <li>{@code guard}: the same parse to {@code Map} (adapters hand the guard objects, so a parse is part of the
 * realistic cost), building the {@link EgressRequest}, and {@link EgressGuard#inspect}: deep copy via
 * {@code convertValue}, projection to the allow-list, deny-list, health-text drop, CPR masking, serialization, final
 * scan of URL, headers and body text, re-parse of the body for denied names. Returns the serialized body.</li>
 * <li>{@code guardPreParsed} (diagnostic, left out of the standard run with {@code -e PreParsed}): {@link
 * EgressGuard#inspect} alone, on bodies parsed in {@code @Setup}.</li>
 * </ul>
 * Throughput in MB/s is the secondary result {@code bytes} (input bytes consumed per second) divided by 1,000,000; it
 * equals ops/s times the average payload size printed by {@code @Setup}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class EgressGuardBenchmark {

    static final String DESTINATION = "mailchimp";
    static final String LIST_ID = "b3e9f1a2c4";

    /** {@code member}: 1,000 single upsert bodies of 1-3 KB; {@code batch}: 8 bodies of 500 members each. */
    @Param({"member", "batch"})
    public String payload;

    private ObjectMapper json;
    private EgressGuard guard;
    private byte[][] bodies;
    private Object[] parsed;
    private String[] paths;
    private String[] methods;
    private String[] operations;
    private Set<String> identifiers;
    private long averageBytes;

    /** Next payload index per thread, and input bytes consumed (JMH reports the counter as a rate: bytes/s). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Consumed {
        public long bytes;
        private int next;

        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
        }

        int next(int n) {
            int i = next;
            next = i + 1 == n ? 0 : i + 1;
            return i;
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        json = new ObjectMapper();
        guard = newGuard(json);
        EgressGuardPayloads generator = new EgressGuardPayloads(new Random(20240615L));
        boolean batch = payload.equals("batch");
        int count = batch ? 8 : 1_000;
        bodies = new byte[count][];
        parsed = new Object[count];
        paths = new String[count];
        methods = new String[count];
        operations = new String[count];
        identifiers = batch ? Set.of("members[].email_address") : Set.of("email_address");
        long total = 0;
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int i = 0; i < count; i++) {
            Map<String, Object> body;
            if (batch) {
                List<Object> members = new ArrayList<>(500);
                for (int m = 0; m < 500; m++) {
                    members.add(generator.member(false));
                }
                body = new LinkedHashMap<>();
                body.put("members", members);
                body.put("update_existing", true);
                paths[i] = "/lists/" + LIST_ID;
                methods[i] = "POST";
                operations[i] = "member-batch-upsert";
            } else {
                body = generator.member(true);
                paths[i] = "/lists/" + LIST_ID + "/members/" + md5((String) body.get("email_address"));
                methods[i] = "PUT";
                operations[i] = "member-upsert";
            }
            bodies[i] = json.writeValueAsBytes(body);
            parsed[i] = json.readValue(bodies[i], Object.class);
            total += bodies[i].length;
            min = Math.min(min, bodies[i].length);
            max = Math.max(max, bodies[i].length);
            guard.inspect(request(i, parsed[i])); // fail fast: every payload must pass the guard
        }
        averageBytes = total / count;
        System.out.printf("%n[%s] %d payloads, %d bytes on average (%d-%d), %d in total%n", payload, count,
                averageBytes, min, max, total);
    }

    @Benchmark
    public byte[] jacksonReadWrite(Consumed consumed) throws Exception {
        int i = consumed.next(bodies.length);
        consumed.bytes += bodies[i].length;
        Object body = json.readValue(bodies[i], Object.class);
        return json.writeValueAsBytes(body);
    }

    @Benchmark
    public byte[] guard(Consumed consumed) throws Exception {
        int i = consumed.next(bodies.length);
        consumed.bytes += bodies[i].length;
        Object body = json.readValue(bodies[i], Object.class);
        return guard.inspect(request(i, body)).body();
    }

    @Benchmark
    public byte[] guardPreParsed(Consumed consumed) {
        int i = consumed.next(bodies.length);
        consumed.bytes += bodies[i].length;
        return guard.inspect(request(i, parsed[i])).body();
    }

    private EgressRequest request(int i, Object body) {
        return new EgressRequest(DESTINATION, operations[i], methods[i], paths[i], Map.of(), body,
                identifiers, Set.of());
    }

    /**
     * The guard as production wires it for Mailchimp: the defaults of {@link EgressProperties} (deny-list, health
     * terms, REDACT masking) bound the way Spring Boot binds them, so they cannot drift from production, plus the
     * Mailchimp host; the Mailchimp allow-list with first names allowed.
     */
    static EgressGuard newGuard(ObjectMapper json) {
        EgressProperties properties = new Binder(new MapConfigurationPropertySource(
                Map.of("hub.egress.allowed-hosts.mailchimp[0]", "*.api.mailchimp.com")))
                .bindOrCreate("hub.egress", EgressProperties.class);
        KeyedHasher hasher = new KeyedHasher(new CryptoProperties("bench",
                Map.of("bench", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="), "benchmark-hash-secret", "0 20 * * * ?"));
        return new EgressGuard(List.of(new Mailchimp()), properties, new CprDetector(), hasher, json,
                new SimpleMeterRegistry());
    }

    /** The allow-list of {@code MailchimpDestination} with {@code send-first-name: true}. */
    static final class Mailchimp implements EgressDestination {

        private static final Set<String> ALLOWED;

        static {
            Set<String> fields = Set.of("email_address", "status", "status_if_new",
                    "marketing_permissions[].marketing_permission_id", "marketing_permissions[].enabled",
                    "merge_fields.FNAME");
            Set<String> all = new HashSet<>(fields);
            fields.forEach(f -> all.add("members[]." + f));
            all.add("update_existing");
            ALLOWED = Set.copyOf(all);
        }

        @Override
        public String name() {
            return DESTINATION;
        }

        @Override
        public URI baseUrl() {
            return URI.create("https://us1.api.mailchimp.com/3.0");
        }

        @Override
        public Set<String> allowedFields() {
            return ALLOWED;
        }

        @Override
        public Map<String, String> credentials() {
            return Map.of();
        }

        @Override
        public EgressRequest preview(PreviewCustomer customer) {
            throw new PreviewRefusedException("destination", "has no preview in a benchmark");
        }
    }

    private static String md5(String email) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                .digest(email.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
    }

    /** Same as {@code org.openjdk.jmh.Main}, defaulting to this class. */
    public static void main(String[] args) throws Exception {
        org.openjdk.jmh.Main.main(args.length == 0 ? new String[] {EgressGuardBenchmark.class.getSimpleName()} : args);
    }
}
