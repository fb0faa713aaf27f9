package dk.consenthub.egress;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Finds Danish CPR numbers (personnummer) in free text, JSON bodies and log lines, so the privacy guard
 * can redact them before anything leaves the hub.
 *
 * <p>
 * The rules, in the order the scanner applies them:
 * <ol>
 * <li><b>Forms.</b> Six date digits {@code DDMMYY} and four sequence digits {@code SSSS}, written
 * {@code DDMMYYSSSS} or with exactly one separator between the groups: hyphen-minus, space, no-break space
 * U+00A0, narrow no-break space U+202F, thin space U+2009, figure space U+2007, hyphen U+2010, non-breaking
 * hyphen U+2011, figure dash U+2012, en dash U+2013, em dash U+2014 or minus sign U+2212. Word processors and
 * web pages turn a typed hyphen or space into these, and clinic notes are pasted from both. The date may
 * also be written with dots, {@code DD.MM.YY}, followed by one of the separators: {@code 01.02.90-1234},
 * {@code 01.02.90 1234}.</li>
 * <li><b>Boundaries.</b> A candidate never touches another number: the character before it and the character
 * after it must not be a digit, so longer and shorter digit runs never match. Two characters glue digits into
 * one token: a dot (decimal point, thousands separator: {@code 0101901234.50} is an amount) and an ISO 8601
 * {@code T} ({@code 20240115T100545-0500} is a date and a time of day). So a candidate directly preceded by
 * digit + {@code .}/{@code T} or followed by {@code .}/{@code T} + digit does not match either. A comma does not
 * glue, because it separates CSV fields ({@code 42,0101901234,Anna}). Anything else may touch a candidate,
 * letters included, so {@code anna0102901234@example.dk} is found. Only the adjacent characters count: in
 * {@code 1234-0101901234} the ten digits after the hyphen are judged on their own merits.</li>
 * <li><b>Date.</b> {@code DDMMYY} must be a real calendar date in the century that the 7th digit selects (CPR
 * table: 0-3 gives 1900-1999; 4 and 9 give 2000-2036 for YY 00-36, else 1900s; 5-8 give 2000-2057 for
 * YY 00-57 and 1858-1899 for YY 58-99). Leap years follow that century: 29 February 1900 is rejected,
 * 29 February 2000 accepted. Future birth dates are not rejected; the table itself reaches 2057.</li>
 * <li><b>Modulus 11</b> is computed and reported in {@link CprMatch#modulus11()}, never required: numbers
 * without it have been issued since 2007 and are fully valid.</li>
 * <li><b>Hex identifiers.</b> A candidate that lies inside a UUID ({@code 8-4-4-4-12} hex digits) or inside a
 * run of 32 or more hex digits (hashes, trace ids, UUIDs without hyphens) is part of that identifier.</li>
 * </ol>
 * Matches never overlap; scanning resumes after each match.
 *
 * <p>
 * Inherently ambiguous: any other ten-digit number whose first six digits happen to form a valid date is
 * reported, for example epoch seconds whose digits start with a day and a month ({@code 1609459200}, 1 January
 * 2021, reads as 16 September 1945), order or account numbers that do, or a YYMMDD-HHMM stamp such as
 * {@code 240115-1030}. Nothing in the digits tells them apart; for a privacy guard, redacting them is the safe
 * mistake.
 *
 * <p>
 * Stateless and thread-safe. The scanner is a single pass over the characters: it steps over non-digits with a
 * range check, inspects each digit run once, and allocates nothing until a match is found.
 */
public final class CprDetector {

	public static final String REDACTED = "[CPR]";

	private static final long NO_MATCH = -1L;

	private static final int[] MODULUS11_WEIGHTS = { 4, 3, 2, 7, 6, 5, 4, 3, 2, 1 };

	public CprDetector() {
	}

	/** All matches, in text order, non-overlapping. */
	public List<CprMatch> find(CharSequence text) {
		Objects.requireNonNull(text, "text");
		long span = next(text, 0);
		if (span == NO_MATCH) {
			return List.of();
		}
		List<CprMatch> matches = new ArrayList<>(2);
		while (span != NO_MATCH) {
			matches.add(toMatch(text, start(span), end(span)));
			span = next(text, end(span));
		}
		return List.copyOf(matches);
	}

	/** Whether the text contains at least one CPR number; allocates nothing. */
	public boolean containsCpr(CharSequence text) {
		Objects.requireNonNull(text, "text");
		return next(text, 0) != NO_MATCH;
	}

	/**
	 * The text with every match replaced by {@code replacement}'s result. Returns the same instance when the
	 * text is a String without matches.
	 */
	public String replaceAll(CharSequence text, Function<CprMatch, String> replacement) {
		Objects.requireNonNull(text, "text");
		Objects.requireNonNull(replacement, "replacement");
		long span = next(text, 0);
		if (span == NO_MATCH) {
			return text.toString();
		}
		StringBuilder out = new StringBuilder(text.length());
		int copied = 0;
		while (span != NO_MATCH) {
			int start = start(span);
			int end = end(span);
			out.append(text, copied, start).append(replacement.apply(toMatch(text, start, end)));
			copied = end;
			span = next(text, end);
		}
		return out.append(text, copied, text.length()).toString();
	}

	/** The text with every match replaced by {@link #REDACTED}. */
	public String redact(CharSequence text) {
		return replaceAll(text, match -> REDACTED);
	}

	/**
	 * The next match at or after {@code from}, packed as {@code start << 32 | end}, or {@link #NO_MATCH}. Packing
	 * keeps the scan allocation-free. {@code from} is always 0 or the end of a match, never inside a digit run.
	 */
	private static long next(CharSequence s, int from) {
		int n = s.length();
		int i = from;
		while (i < n) {
			if (!isDigit(s.charAt(i))) {
				i++;
				continue;
			}
			int runEnd = i + 1;
			while (runEnd < n && isDigit(s.charAt(runEnd))) {
				runEnd++;
			}
			int end = candidateEnd(s, i, runEnd, n);
			if (end >= 0 && isCpr(s, i, end, n)) {
				return ((long) i << 32) | end;
			}
			i = runEnd;
		}
		return NO_MATCH;
	}

	private static int start(long span) {
		return (int) (span >>> 32);
	}

	private static int end(long span) {
		return (int) span;
	}

	/** End of the candidate that starts with the digit run [start, runEnd), or -1 if the shape is wrong. */
	private static int candidateEnd(CharSequence s, int start, int runEnd, int n) {
		return switch (runEnd - start) {
			case 10 -> runEnd;
			case 6 -> sequenceEnd(s, runEnd, n);
			case 2 -> isDottedDateTail(s, runEnd, n) ? sequenceEnd(s, runEnd + 6, n) : -1;
			default -> -1;
		};
	}

	/** {@code .MM.YY} at {@code p}, directly after the day digits. */
	private static boolean isDottedDateTail(CharSequence s, int p, int n) {
		return p + 6 <= n && s.charAt(p) == '.' && isDigit(s.charAt(p + 1)) && isDigit(s.charAt(p + 2))
				&& s.charAt(p + 3) == '.' && isDigit(s.charAt(p + 4)) && isDigit(s.charAt(p + 5));
	}

	/** Separator + exactly four digits at {@code p}; returns the end or -1. */
	private static int sequenceEnd(CharSequence s, int p, int n) {
		int end = p + 5;
		if (end > n || !isSeparator(s.charAt(p))) {
			return -1;
		}
		for (int j = p + 1; j < end; j++) {
			if (!isDigit(s.charAt(j))) {
				return -1;
			}
		}
		return end == n || !isDigit(s.charAt(end)) ? end : -1;
	}

	private static boolean isCpr(CharSequence s, int start, int end, int n) {
		if (isGluedToDigits(s, start, end, n)) {
			return false;
		}
		long value = digitsValue(s, start, end);
		return isValidDate(value) && !HexIdentifiers.covers(s, start, end, n);
	}

	private static boolean isGluedToDigits(CharSequence s, int start, int end, int n) {
		boolean before = start >= 2 && isGlue(s.charAt(start - 1)) && isDigit(s.charAt(start - 2));
		boolean after = end + 1 < n && isGlue(s.charAt(end)) && isDigit(s.charAt(end + 1));
		return before || after;
	}

	private static boolean isGlue(char c) {
		return c == '.' || c == 'T' || c == 't';
	}

	/** The ten digits of a candidate as a number, separators skipped. */
	private static long digitsValue(CharSequence s, int start, int end) {
		long value = 0;
		for (int j = start; j < end; j++) {
			char c = s.charAt(j);
			if (isDigit(c)) {
				value = value * 10 + (c - '0');
			}
		}
		return value;
	}

	private static boolean isValidDate(long value) {
		int day = (int) (value / 100_000_000L);
		int month = (int) (value / 1_000_000L % 100);
		int year = birthYear(value);
		return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(month, year);
	}

	private static int birthYear(long value) {
		int yy = (int) (value / 10_000L % 100);
		int digit7 = (int) (value / 1_000L % 10);
		return century(yy, digit7) + yy;
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

	private static CprMatch toMatch(CharSequence s, int start, int end) {
		long value = digitsValue(s, start, end);
		char[] digits = new char[10];
		long rest = value;
		int sum = 0;
		for (int k = 9; k >= 0; k--) {
			int digit = (int) (rest % 10);
			digits[k] = (char) ('0' + digit);
			sum += digit * MODULUS11_WEIGHTS[k];
			rest /= 10;
		}
		int day = (int) (value / 100_000_000L);
		int month = (int) (value / 1_000_000L % 100);
		LocalDate birthDate = LocalDate.of(birthYear(value), month, day);
		return new CprMatch(start, end, new String(digits), birthDate, sum % 11 == 0);
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static boolean isSeparator(char c) {
		return switch (c) {
			case '-', ' ' -> true;
			case '\u00A0', '\u2007', '\u2009', '\u202F' -> true; // no-break, figure, thin, narrow no-break space
			case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212' -> true; // hyphens, dashes, minus
			default -> false;
		};
	}
}
