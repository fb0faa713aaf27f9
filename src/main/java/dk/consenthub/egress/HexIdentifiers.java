package dk.consenthub.egress;

/**
 * Hex identifiers a date-shaped digit run may sit inside: a UUID, or a run of at least 32 hex digits (an MD5 or SHA
 * digest). A CPR-shaped candidate there is part of the identifier, not a CPR number.
 */
final class HexIdentifiers {

	private static final int HEX_IDENTIFIER_MIN_LENGTH = 32;

	private static final int UUID_LENGTH = 36;

	private HexIdentifiers() {
	}

	/**
	 * Whether [start, end) of {@code s} (length {@code n}) lies inside a hex identifier that begins at or after
	 * {@code from}: text before it is a previous match, which is masked, so it cannot be part of the identifier.
	 */
	static boolean covers(CharSequence s, int from, int start, int end, int n) {
		return insideLongHexRun(s, from, start, end, n) || insideUuid(s, from, start, end, n);
	}

	private static boolean insideLongHexRun(CharSequence s, int from, int start, int end, int n) {
		for (int k = start; k < end; k++) {
			if (!isHex(s.charAt(k))) {
				return false; // a separator is never a hex digit; UUID hyphens are handled by insideUuid
			}
		}
		int left = start;
		while (left > from && isHex(s.charAt(left - 1)) && end - left < HEX_IDENTIFIER_MIN_LENGTH) {
			left--;
		}
		int right = end;
		while (right < n && isHex(s.charAt(right)) && right - left < HEX_IDENTIFIER_MIN_LENGTH) {
			right++;
		}
		return right - left >= HEX_IDENTIFIER_MIN_LENGTH;
	}

	/** Tries every UUID position that would cover [start, end); only runs for the rare validated candidate. */
	private static boolean insideUuid(CharSequence s, int from, int start, int end, int n) {
		for (int t = Math.max(from, end - UUID_LENGTH); t <= start; t++) {
			if (isUuidAt(s, t, n)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isUuidAt(CharSequence s, int t, int n) {
		if (t + UUID_LENGTH > n) {
			return false;
		}
		for (int k = 0; k < UUID_LENGTH; k++) {
			char c = s.charAt(t + k);
			boolean ok = (k == 8 || k == 13 || k == 18 || k == 23) ? c == '-' : isHex(c);
			if (!ok) {
				return false;
			}
		}
		return true;
	}

	private static boolean isHex(char c) {
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	}
}
