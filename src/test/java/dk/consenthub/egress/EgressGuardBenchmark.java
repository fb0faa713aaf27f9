package dk.consenthub.egress;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.consenthub.system.CryptoProperties;
import dk.consenthub.system.KeyedHasher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
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
        Payloads generator = new Payloads(new Random(20240615L));
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
                Map.of("bench", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="), "benchmark-hash-secret"));
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

    /** Seeded Gecko-shaped customers wrapped as Mailchimp member bodies. */
    static final class Payloads {

        private static final String[] FIRST = {"Lene", "Tina", "Mette", "Anne", "Søs", "Birgitte", "Karen", "Hanne",
                "Camilla", "Louise", "Signe", "Ida", "Freja", "Mads", "Søren", "Jens", "Lars", "Mikkel", "Rasmus",
                "Frederik", "Åse", "Ærling", "Øjvind", "Maja", "Emma", "Sofie", "Line", "Pia", "Jytte", "Bodil"};
        private static final String[] LAST = {"Møller", "Kjær", "Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen",
                "Christensen", "Larsen", "Sørensen", "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen",
                "Olsen", "Thomsen", "Poulsen", "Østergaard", "Bøgh", "Lund", "Holm", "Dahl", "Friis"};
        private static final String[] DOMAINS = {"gmail.com", "icloud.com", "hotmail.com", "outlook.dk", "live.dk",
                "mail.dk", "jubii.dk", "yahoo.dk", "stofanet.dk", "youmail.dk"};
        private static final String[][] CITIES = {{"2100", "København Ø"}, {"2200", "København N"},
                {"1620", "København V"}, {"8000", "Aarhus C"}, {"5000", "Odense C"}, {"9000", "Aalborg"},
                {"2800", "Kongens Lyngby"}, {"4000", "Roskilde"}, {"7100", "Vejle"}, {"6700", "Esbjerg"},
                {"3400", "Hillerød"}, {"2900", "Hellerup"}};
        private static final String[] TAGS = {"Nyhedsbrev", "VIP", "Laser", "Fillers", "Botox", "Hudpleje",
                "Ny kunde", "Tilbud", "Gavekort", "Medlem"};
        private static final String[] NOTES = {
                "Allergisk over for penicillin og latex – brug nitrilhandsker.",
                "Tager blodtryksmedicin (Losartan 50 mg dagligt), tjek blodtryk før behandling.",
                "Diabetes type 2, husk at spørge til fodstatus og blodsukker.",
                "Gravid i uge 24: ingen laser på maven og ingen retinol.",
                "Har haft herpes ved læben – profylaktisk Aciclovir før filler-behandling.",
                "Bruger Marevan (blodfortyndende), øget risiko for blå mærker.",
                "Rosacea på kinder og næse, reagerer på varme og alkohol.",
                "Psoriasis på albuer; ingen peeling i området.",
                "Keloid-tendens efter tidligere operation, forsigtig med microneedling.",
                "Angst for nåle, ønsker bedøvelsescreme 30 min før.",
                "Behandlet for brystkræft 2019, lymfødem i højre arm – ingen blodtryksmanchet højre side.",
                "Epilepsi, velreguleret; undgå blinkende lys ved IPL.",
                "Isotretinoin (Roaccutane) afsluttet for 4 mdr. siden – vent 6 mdr. med laser.",
                "Astma, har inhalator med; parfumefri produkter.",
                "Hyaluronsyre i læber 12.03, let hævelse 2 dage efter, ingen komplikationer.",
                "Botox pande og kragetæer 20 E, kontrol om 14 dage.",
                "Ønsker ikke SMS-påmindelser, ring i stedet.",
                "Migræne, undgå behandling på dage med anfald.",
                "Hjerteklapoperation 2015, antibiotikaprofylakse ved indgreb efter aftale med egen læge.",
                "Stofskiftesygdom (Levaxin 100 µg), tør hud."};

        private final Random random;

        Payloads(Random random) {
            this.random = random;
        }

        /**
         * A member body with the whole Gecko customer record. {@code rich} (single upserts, 1-3 KB): longer notes,
         * more merge fields and Mailchimp tags; otherwise (batch members, ~0.9 KB) FNAME only and short notes.
         */
        Map<String, Object> member(boolean rich) {
            String first = pick(FIRST);
            String last = pick(LAST);
            String email = ascii(first) + "." + ascii(last) + (random.nextInt(3) == 0 ? "" : random.nextInt(2000))
                    + "@" + pick(DOMAINS);
            LocalDate birthday = LocalDate.of(1940 + random.nextInt(65), 1 + random.nextInt(12), 1 + random.nextInt(28));
            String[] city = CITIES[random.nextInt(CITIES.length)];
            String mobile = "+45" + (20 + random.nextInt(10)) + String.format("%06d", random.nextInt(1_000_000));
            int customerId = 40_000 + random.nextInt(60_000);
            boolean cpr = random.nextInt(10) < 3;

            Map<String, Object> mergeFields = new LinkedHashMap<>();
            // ~1% of first names carry a CPR number typed into the wrong field: exercises masking of allowed fields
            mergeFields.put("FNAME", random.nextInt(100) == 0 ? first + " " + cprNumber(birthday) : first);
            if (rich) {
                mergeFields.put("LNAME", last);
                mergeFields.put("PHONE", mobile);
                mergeFields.put("BIRTHDAY",
                        String.format("%02d/%02d", birthday.getMonthValue(), birthday.getDayOfMonth()));
                mergeFields.put("ADDRESS", ordered("zip", city[0], "city", city[1], "country", "DK"));
            }

            List<Object> permissions = new ArrayList<>();
            permissions.add(ordered("marketing_permission_id", "e1c6d2f1b0", "enabled", true));
            permissions.add(ordered("marketing_permission_id", "a7f3c9d2e4", "enabled", random.nextBoolean()));

            List<Object> tags = new ArrayList<>();
            List<Object> customerTags = new ArrayList<>();
            for (int t = 0, n = 1 + random.nextInt(rich ? 4 : 2); t < n; t++) {
                String tag = pick(TAGS);
                tags.add(ordered("name", tag, "status", "active"));
                customerTags.add(ordered("customerTagId", 1 + random.nextInt(40), "customerTagName", tag,
                        "customerTagValue", "Ja"));
            }

            Map<String, Object> body = new LinkedHashMap<>();
            body.put("email_address", email);
            body.put("status_if_new", "subscribed");
            body.put("merge_fields", mergeFields);
            body.put("marketing_permissions", permissions);
            if (rich) {
                body.put("tags", tags);
            }
            body.put("customerId", customerId);
            body.put("customerNo", 1000 + random.nextInt(9000));
            body.put("customerName", first + " " + last);
            body.put("customerFirstName", first);
            body.put("customerLastName", last);
            body.put("customerEmail", email);
            body.put("customerMobile", mobile);
            body.put("customerPostalcode", city[0]);
            body.put("customerCity", city[1]);
            body.put("customerGender", random.nextBoolean() ? "female" : "male");
            body.put("customerBirthday", birthday.toString());
            body.put("customerBirthYear", birthday.getYear());
            body.put("customerCreateDate", 1_400_000_000L + random.nextInt(300_000_000));
            body.put("customerAcceptsMarketingEmail", true);
            body.put("customerAcceptsMarketingSms", random.nextBoolean());
            body.put("customerTags", customerTags);
            body.put("customerImportantNote", notes(rich ? 1 + random.nextInt(3) : random.nextInt(2),
                    cpr ? birthday : null));
            body.put("customerNote", notes(rich ? 2 + random.nextInt(12) : random.nextInt(2), null));
            return body;
        }

        private String notes(int sentences, LocalDate cprBirthday) {
            StringBuilder out = new StringBuilder();
            if (cprBirthday != null) {
                out.append("CPR ").append(cprNumber(cprBirthday)).append(". ");
            }
            for (int s = 0; s < sentences; s++) {
                if (s > 0) {
                    out.append(' ');
                }
                out.append(pick(NOTES));
            }
            return out.toString();
        }

        /** A valid CPR number for the birthday, in one of the forms clinics paste. */
        private String cprNumber(LocalDate birthday) {
            int year = birthday.getYear();
            int seventh = year < 2000 ? random.nextInt(4) : 4;
            String date = String.format("%02d%02d%02d", birthday.getDayOfMonth(), birthday.getMonthValue(), year % 100);
            String sequence = seventh + String.format("%03d", random.nextInt(1000));
            String day = date.substring(0, 2);
            String month = date.substring(2, 4);
            return switch (random.nextInt(11)) {
                case 0 -> date + sequence;
                case 1 -> date + "-" + sequence;
                case 2 -> date + " " + sequence;
                case 3 -> date + "\u2013" + sequence;
                case 4 -> date + "\u00A0" + sequence;
                case 5 -> day + "." + month + "." + year + "-" + sequence;
                case 6 -> day + "/" + month + "/" + date.substring(4) + "_" + sequence;
                case 7 -> day + " " + month + " " + date.substring(4) + " " + sequence;
                case 8 -> date + "\u200B-" + sequence;
                case 9 -> fullWidth(date + sequence);
                default -> day + "." + month + "." + date.substring(4) + "-" + sequence;
            };
        }

        private static String fullWidth(String digits) {
            StringBuilder out = new StringBuilder(digits.length());
            digits.chars().forEach(c -> out.append((char) ('\uFF10' + (c - '0'))));
            return out.toString();
        }

        private String pick(String[] values) {
            return values[random.nextInt(values.length)];
        }

        private static String ascii(String name) {
            return name.toLowerCase(Locale.ROOT).replace("æ", "ae").replace("ø", "oe").replace("å", "aa");
        }

        private static Map<String, Object> ordered(Object... keyValues) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int k = 0; k < keyValues.length; k += 2) {
                map.put((String) keyValues[k], keyValues[k + 1]);
            }
            return map;
        }
    }

    /** Same as {@code org.openjdk.jmh.Main}, defaulting to this class. */
    public static void main(String[] args) throws Exception {
        org.openjdk.jmh.Main.main(args.length == 0 ? new String[] {EgressGuardBenchmark.class.getSimpleName()} : args);
    }
}
