package dk.consenthub.egress;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A CPR number and a marker made for one log-masking test. The marker is letters only, so it never glues to the
 * digits, and is part of every planted value: seeing it in the log means some planted field was logged.
 */
record PlantedCpr(String cpr, String marker) {

    static PlantedCpr fresh() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        // 7th digit 0-3: born in the 1900s, so any year 00-99 and days up to 28 make a valid date
        String cpr = String.format("%02d%02d%02d%d%03d", 1 + random.nextInt(28), 1 + random.nextInt(12),
                random.nextInt(100), random.nextInt(4), random.nextInt(1000));
        StringBuilder marker = new StringBuilder("zq");
        for (int i = 0; i < 8; i++) {
            marker.append((char) ('a' + random.nextInt(26)));
        }
        return new PlantedCpr(cpr, marker.toString());
    }

    String datePart() {
        return cpr.substring(0, 6);
    }

    String dashed() {
        return datePart() + "-" + cpr.substring(6);
    }

    String nbsp() {
        return datePart() + "\u00A0" + cpr.substring(6);
    }

    String enDash() {
        return datePart() + "\u2013" + cpr.substring(6);
    }

    String dotted() {
        return cpr.substring(0, 2) + "." + cpr.substring(2, 4) + "." + cpr.substring(4, 6) + " " + cpr.substring(6);
    }

    String email() {
        return "mette." + marker + "@example.dk";
    }

    /**
     * Gecko's customer template with a CPR number or health text in every field but the consent flags and the id
     * (an id carrying a CPR number is refused at the door: StrictInputIntegrationTests).
     */
    Map<String, Object> customer(String email, String acceptsEmail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("CUSTOMERID", "k" + marker);
        body.put("CUSTOMERNAME", "Mette Hansen " + dashed() + " " + marker);
        body.put("CUSTOMERFIRSTNAME", "Mette " + nbsp() + " Roaccutan");
        body.put("CUSTOMERLASTNAME", "Hansen " + enDash() + " Roaccutan " + marker);
        body.put("CUSTOMEREMAIL", email);
        body.put("CUSTOMERMOBILE", cpr);
        body.put("CUSTOMERPOSTALCODE", dashed());
        body.put("CUSTOMERBIRTHDAY", dotted());
        body.put("CUSTOMERACCEPTSMARKETINGEMAIL", acceptsEmail);
        body.put("CUSTOMERACCEPTSMARKETINGSMS", "0");
        body.put("CUSTOMERIMPORTANTNOTE", "CPR " + dashed() + ". Allergisk over for lidokain " + marker);
        body.put("CUSTOMERNOTE", "Diagnose: rosacea, behandles med Roaccutan; Botox pande " + marker + "; cpr " + cpr);
        body.put("CUSTOMERTAGS", List.of(Map.of("CUSTOMERTAGID", "7",
                "CUSTOMERTAGNAME", "Roaccutan " + dashed() + " " + marker,
                "CUSTOMERTAGVALUE", "Diagnose rosacea " + cpr)));
        body.put("JOURNALNOTAT", "Diagnose: rosacea. Lidokain-allergi. CPR " + enDash() + " " + marker);
        return body;
    }
}
