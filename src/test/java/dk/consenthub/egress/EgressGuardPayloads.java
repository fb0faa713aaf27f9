package dk.consenthub.egress;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/** Seeded Gecko-shaped customers wrapped as Mailchimp member bodies: the payloads of {@link EgressGuardBenchmark}. */
final class EgressGuardPayloads {

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

    EgressGuardPayloads(Random random) {
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
