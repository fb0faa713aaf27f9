package dk.consenthub.egress;

import java.util.List;
import java.util.Locale;

/**
 * Words that mark free text as health information ("Diagnose: rosacea", "Botox 20 enheder"). A term matches at
 * the start of a word, in any case, so "diagnos" finds "Diagnose" and "diagnosis" but not "prognostic". A
 * heuristic by nature: it catches notes typed into the wrong field; the allow-lists do the real work.
 */
final class HealthTerms {

    private final List<String> terms;

    HealthTerms(List<String> terms) {
        this.terms = terms.stream().map(t -> t.toLowerCase(Locale.ROOT).trim()).filter(t -> !t.isEmpty()).toList();
    }

    boolean mentions(String text) {
        if (terms.isEmpty() || text.length() < 3) {
            return false;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String term : terms) {
            for (int at = lower.indexOf(term); at >= 0; at = lower.indexOf(term, at + 1)) {
                if (at == 0 || !Character.isLetterOrDigit(lower.charAt(at - 1))) {
                    return true;
                }
            }
        }
        return false;
    }
}
