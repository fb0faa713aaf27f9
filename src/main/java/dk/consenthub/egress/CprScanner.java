package dk.consenthub.egress;

/**
 * The written forms, boundaries and date rules of {@link CprDetector}, applied to text that is either normalized
 * ({@link CprText}) or needs no normalization. Spans are packed as {@code start << 32 | end} so that a scan allocates
 * nothing.
 */
final class CprScanner {

	static final long NO_MATCH = -1L;

	/** Returned when the original text holds a character that only the normalized copy can be read through. */
	static final long NEEDS_NORMALIZATION = -2L;

	/** Spaces allowed on each side of a separator character (or alone, without one). */
	private static final int MAX_SPACES = 2;

	/** Digit counts after which a run may end: DD|MM|YY|SSSS for ten digits. */
	private static final int TEN_DIGIT_BOUNDARIES = 1 << 2 | 1 << 4 | 1 << 6;

	/** DD|MM|YYYY|SSSS for twelve digits. */
	private static final int TWELVE_DIGIT_BOUNDARIES = 1 << 2 | 1 << 4 | 1 << 8;

	/** DDMM YYYY SSSS: a stretch of four-digit groups. */
	private static final int FOUR_FOUR_FOUR = 1 << 4 | 1 << 8;

	/** DD MMYY SSSS: a two-digit group and four-digit groups, as IBANs begin. */
	private static final int TWO_FOUR_FOUR = 1 << 2 | 1 << 6;

	private CprScanner() {
	}

	/**
	 * The next match at or after {@code from}, packed, or {@link #NO_MATCH}. When {@code original} is set, a
	 * character that needs normalization ends the scan with {@link #NEEDS_NORMALIZATION} unless a match comes
	 * first. {@code from} is always 0 or the end of a match, never inside a digit run.
	 */
	static long next(CharSequence s, int from, boolean original) {
		int n = s.length();
		int i = from;
		while (i < n) {
			char c = s.charAt(i);
			if (isDigit(c)) {
				int runEnd = runEnd(s, i + 1, n);
				int end = candidateEnd(s, from, i, runEnd, n, true);
				if (end >= 0) {
					return ((long) i << 32) | end;
				}
				i = runEnd;
			}
			else if (original && c >= 0x80 && CprText.needsNormalization(c)) {
				return NEEDS_NORMALIZATION;
			}
			else {
				i++;
			}
		}
		return NO_MATCH;
	}

	static int start(long span) {
		return (int) (span >>> 32);
	}

	static int end(long span) {
		return (int) span;
	}

	/**
	 * The match's ten digits DDMMYYSSSS as a number (a written century dropped), or -1 when a four-digit year
	 * disagrees with the century the 7th digit selects.
	 */
	static long value(CharSequence s, int start, int end) {
		long value = 0;
		int count = 0;
		for (int j = start; j < end; j++) {
			char c = s.charAt(j);
			if (isDigit(c)) {
				value = value * 10 + (c - '0');
				count++;
			}
		}
		if (count == 10) {
			return value;
		}
		long dayMonth = value / 100_000_000L;
		int writtenYear = (int) (value / 10_000L % 10_000);
		int sequence = (int) (value % 10_000L);
		int yy = writtenYear % 100;
		if (century(yy, sequence / 1000) + yy != writtenYear) {
			return -1;
		}
		return dayMonth * 1_000_000L + yy * 10_000L + sequence;
	}

	static int day(long value) {
		return (int) (value / 100_000_000L);
	}

	static int month(long value) {
		return (int) (value / 1_000_000L % 100);
	}

	static int birthYear(long value) {
		int yy = (int) (value / 10_000L % 100);
		int digit7 = (int) (value / 1_000L % 10);
		return century(yy, digit7) + yy;
	}

	/**
	 * End of the candidate whose first digit run is [start, runEnd), or -1. Digit runs are joined across separator
	 * groups until ten or more digits are read; ten digits may be split only after the day, month and year, twelve
	 * only after the day, month and four-digit year, so the sequence number is always four contiguous digits. Text
	 * before {@code from} (a previous match) is not looked at; {@code grouped} applies the grouped-number rule.
	 */
	private static int candidateEnd(CharSequence s, int from, int start, int runEnd, int n, boolean grouped) {
		int digits = runEnd - start;
		int boundaries = 0;
		int end = runEnd;
		while (digits < 10) {
			if ((digits & 1) != 0) {
				return -1;
			}
			int next = skipSeparators(s, end, 1);
			if (next == end || next >= n || !isDigit(s.charAt(next))) {
				return -1;
			}
			boundaries |= 1 << digits;
			end = runEnd(s, next + 1, n);
			digits += end - next;
		}
		boolean shaped = digits == 10 ? (boundaries & ~TEN_DIGIT_BOUNDARIES) == 0
				: digits == 12 && (boundaries & ~TWELVE_DIGIT_BOUNDARIES) == 0;
		if (!shaped || isGluedToDigits(s, start, end, n)
				|| (grouped && isInGroupedNumber(s, from, start, end, n, digits, boundaries))) {
			return -1;
		}
		long value = value(s, start, end);
		return value >= 0 && isValidDate(value) && !HexIdentifiers.covers(s, from, start, end, n) ? end : -1;
	}

	private static int runEnd(CharSequence s, int from, int n) {
		int end = from;
		while (end < n && isDigit(s.charAt(end))) {
			end++;
		}
		return end;
	}

	/**
	 * From {@code p} in direction {@code step} (1 or -1): past up to two spaces, at most one separator character and
	 * up to two more spaces. Returns {@code p} when there is no separator group there.
	 */
	private static int skipSeparators(CharSequence s, int p, int step) {
		int q = skipSpaces(s, p, step);
		if (q >= 0 && q < s.length() && isSeparator(s.charAt(q))) {
			q = skipSpaces(s, q + step, step);
		}
		return q;
	}

	private static int skipSpaces(CharSequence s, int p, int step) {
		int q = p;
		for (int k = 0; k < MAX_SPACES && q >= 0 && q < s.length() && CprText.isSpace(s.charAt(q)); k++) {
			q += step;
		}
		return q;
	}

	/** A dot or an ISO 8601 {@code T} between a digit and the candidate glues them into one token. */
	private static boolean isGluedToDigits(CharSequence s, int start, int end, int n) {
		boolean before = start >= 2 && isGlue(s.charAt(start - 1)) && isDigit(s.charAt(start - 2));
		boolean after = end + 1 < n && isGlue(s.charAt(end)) && isDigit(s.charAt(end + 1));
		return before || after;
	}

	/**
	 * DDMM YYYY SSSS and DD MMYY SSSS are how IBANs, card and account numbers are grouped: with another digit group
	 * before or after, across a separator group, the candidate is part of that longer number. A group after it that
	 * begins a CPR number of its own does not count, nor does a previous match before it: two numbers side by side
	 * are both found, and a redacted text is judged as the original was.
	 */
	private static boolean isInGroupedNumber(CharSequence s, int from, int start, int end, int n, int digits,
			int boundaries) {
		if (!(digits == 12 && boundaries == FOUR_FOUR_FOUR) && !(digits == 10 && boundaries == TWO_FOUR_FOUR)) {
			return false;
		}
		int before = skipSeparators(s, start - 1, -1);
		if (before != start - 1 && before >= from && isDigit(s.charAt(before))) {
			return true;
		}
		int after = skipSeparators(s, end, 1);
		return after != end && after < n && isDigit(s.charAt(after))
				&& candidateEnd(s, end, after, runEnd(s, after + 1, n), n, false) < 0;
	}

	private static boolean isValidDate(long value) {
		int month = month(value);
		int day = day(value);
		return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(month, birthYear(value));
	}

	/** The CPR century table (cpr.dk; external-apis.md 4.1). */
	private static int century(int yy, int digit7) {
		if (digit7 <= 3) {
			return 1900;
		}
		if (digit7 == 4 || digit7 == 9) {
			return yy <= 36 ? 2000 : 1900;
		}
		return yy <= 57 ? 2000 : 1800;
	}

	private static int daysInMonth(int month, int year) {
		return switch (month) {
			case 2 -> isLeapYear(year) ? 29 : 28;
			case 4, 6, 9, 11 -> 30;
			default -> 31;
		};
	}

	private static boolean isLeapYear(int year) {
		return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
	}

	static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static boolean isGlue(char c) {
		return c == '.' || c == 'T' || c == 't';
	}

	private static boolean isSeparator(char c) {
		return c == '.' || c == '/' || c == '_' || CprText.isDash(c);
	}
}
