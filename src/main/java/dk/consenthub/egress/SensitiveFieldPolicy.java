package dk.consenthub.egress;

import java.util.List;
import java.util.Locale;

/**
 * The deny-list of field names that never leave the clinic. A name is denied when, lower-cased and stripped of
 * everything but letters and digits, it contains a listed part: {@code CUSTOMERIMPORTANTNOTE} contains "note",
 * {@code diagnosisCode} contains "diagnos".
 */
public final class SensitiveFieldPolicy {

    private final List<String> parts;
    private final java.util.concurrent.ConcurrentHashMap<String, Boolean> answers = new java.util.concurrent.ConcurrentHashMap<>();

    public SensitiveFieldPolicy(List<String> deniedParts) {
        this.parts = deniedParts.stream().map(SensitiveFieldPolicy::normalize).filter(p -> !p.isEmpty()).toList();
    }

    public boolean isDenied(String fieldName) {
        Boolean known = answers.get(fieldName);
        if (known != null) {
            return known;
        }
        boolean denied = matches(normalize(fieldName));
        if (answers.size() < 10_000) { // names after projection are few; the cap only guards against surprises
            answers.put(fieldName, denied);
        }
        return denied;
    }

    private boolean matches(String name) {
        for (String part : parts) {
            if (name.contains(part)) {
                return true;
            }
        }
        return false;
    }

    private static String normalize(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
