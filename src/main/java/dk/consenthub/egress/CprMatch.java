package dk.consenthub.egress;

import java.time.LocalDate;

/**
 * One CPR number found by {@link CprDetector}.
 *
 * @param start     index of the first character in the scanned text (the original text, never a normalized copy)
 * @param end       index after the last character (exclusive)
 * @param digits    the ten ASCII digits DDMMYYSSSS without separators; for a four-digit year, its century is
 *                  dropped
 * @param birthDate the birth date the number encodes, century resolved by the 7th digit
 * @param modulus11 whether the number passes the old modulus-11 check; informational only,
 *                  numbers without it are valid (CPR-kontoret, since 2007)
 */
public record CprMatch(int start, int end, String digits, LocalDate birthDate, boolean modulus11) {

	/** Only the span: the digits and birth date are personal data and must never reach a log. */
	@Override
	public String toString() {
		return "CprMatch[start=" + start + ", end=" + end + "]";
	}
}
