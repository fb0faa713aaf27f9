package dk.consenthub.egress;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Finds Danish CPR numbers (personnummer) in free text, JSON bodies, log lines and identifiers, so the privacy guard
 * can redact them before anything leaves the hub.
 *
 * <p>
 * The rules, in the order the scanner applies them:
 * <ol>
 * <li><b>Reading.</b> The text is read as NFKC would write it, code point by code point: full-width, Arabic-Indic,
 * mathematical and other decimal digits are digits, full-width punctuation is its ASCII self. Invisible characters
 * are skipped as if absent: format characters (zero-width space U+200B, ZWNJ U+200C, ZWJ U+200D, word joiner U+2060,
 * soft hyphen U+00AD, BOM U+FEFF, Mongolian vowel separator U+180E, bidi controls), the other default-ignorable code
 * points, and combining marks, which belong to the character before them. Positions stay those of the original text:
 * a match spans the original characters, invisible ones inside it included, and masking replaces exactly them.</li>
 * <li><b>Forms.</b> A date and a four-digit sequence number, in this order: {@code DD MM YY SSSS} or
 * {@code DD MM YYYY SSSS}. Between the day, the month, the year and the sequence number there may be nothing or
 * one separator group: up to two spaces, at most one separator character, up to two spaces. Spaces are the space
 * and every Unicode space separator (no-break U+00A0, narrow no-break U+202F, thin U+2009, figure U+2007, ...); tab
 * and line breaks are not. Separator characters are hyphen-minus, dot, slash, underscore, the Unicode dashes
 * (hyphen U+2010, non-breaking hyphen U+2011, figure dash, en and em dash, ...) and the minus sign U+2212. So
 * {@code 0101901234}, {@code 010190-1234}, {@code 010190 - 1234}, {@code 01-01-90-1234}, {@code 01 01 90 1234},
 * {@code 01.01.90/1234}, {@code 010190_1234} and {@code 01.01.1990-1234} are all found, separators mixed or not.
 * The sequence number is four contiguous digits; more separators in a row ({@code 010190--1234}) do not join.</li>
 * <li><b>Boundaries.</b> A candidate never touches another number: the character before it and the character
 * after it must not be a digit, so longer and shorter digit runs never match. Two characters glue digits into
 * one token: a dot (decimal point, thousands separator: {@code 0101901234.50} is an amount) and an ISO 8601
 * {@code T} ({@code 20240115T100545-0500} is a date and a time of day). So a candidate directly preceded by
 * digit + {@code .}/{@code T} or followed by {@code .}/{@code T} + digit does not match either. A comma does not
 * glue, because it separates CSV fields ({@code 42,0101901234,Anna}). Anything else may touch a candidate,
 * letters included, so {@code anna0102901234@example.dk} is found. Only the adjacent characters count: in
 * {@code 1234-0101901234} the ten digits after the hyphen are judged on their own merits.</li>
 * <li><b>Grouped numbers.</b> {@code DDMM YYYY SSSS} (three four-digit groups) and {@code DD MMYY SSSS} are how
 * IBANs, card and account numbers are grouped: with another digit group directly before or after, across a separator
 * group, the candidate is part of that longer number ({@code DK50 1506 1990 1234 56} is an IBAN,
 * {@code 4571 0101 1990 1234} a card number). A group after it that begins a CPR number of its own does not count,
 * nor does a previous match before it: two numbers side by side are both found.</li>
 * <li><b>Date.</b> {@code DDMMYY} must be a real calendar date in the century that the 7th digit (the first digit of
 * the sequence number) selects (CPR table: 0-3 give 1900-1999; 4 and 9 give 2000-2036 for YY 00-36, else 1900s; 5-8
 * give 2000-2057 for YY 00-57 and 1858-1899 for YY 58-99). A four-digit year must be that century's year:
 * {@code 01.01.1990-1234} is found, {@code 01.01.2090-1234} and {@code 15.03.2024 1030} are not. Leap years follow
 * that century: 29 February 1900 is rejected, 29 February 2000 accepted. Future birth dates are not rejected; the
 * table itself reaches 2057.</li>
 * <li><b>Modulus 11</b> is computed and reported in {@link CprMatch#modulus11()}, never required: numbers
 * without it have been issued since 2007 and are fully valid.</li>
 * <li><b>Hex identifiers.</b> A candidate that lies inside a UUID ({@code 8-4-4-4-12} hex digits) or inside a
 * run of 32 or more hex digits (hashes, trace ids, UUIDs without hyphens) is part of that identifier.</li>
 * </ol>
 * Matches never overlap; scanning resumes after each match. Each digit run is tried as the start of a candidate, so
 * in {@code Ref 12 010190-1234} the number after the reference is found.
 *
 * <p>
 * Not flagged, because the rules above exclude them: phone numbers in Danish notations ({@code +45 20 30 40 50},
 * {@code 2030 4050}, {@code 0045 20304050}: 8 digits, or a 45/00 "day"), ISO dates and timestamps, {@code dd.mm.yyyy}
 * alone or with {@code hh:mm}, amounts ({@code 1.234.567,89}: three-digit groups), IBAN-like runs.
 *
 * <p>
 * Inherently ambiguous: any other number in these forms whose date part happens to be valid is reported, for example
 * epoch seconds whose digits start with a day and a month ({@code 1609459200}, 1 January 2021, reads as 16 September
 * 1945), order or account numbers that do, a YYMMDD-HHMM stamp such as {@code 240115-1030}, or a 20th-century date
 * with a four-digit time ({@code 01.01.1990 1030}). Nothing in the digits tells them apart; for a privacy guard,
 * redacting them is the safe mistake.
 *
 * <p>
 * Stateless and thread-safe. Text made of ASCII, letters and the common spaces and dashes (nearly all text) is
 * scanned in place in a single pass that allocates nothing until a match is found; only text with other characters
 * (full-width or non-Latin digits, invisible characters, ...) is first copied in normalized form ({@link CprText}).
 */
public final class CprDetector {

	public static final String REDACTED = "[CPR]";

	private static final int[] MODULUS11_WEIGHTS = { 4, 3, 2, 7, 6, 5, 4, 3, 2, 1 };

	public CprDetector() {
	}

	/** All matches, in text order, non-overlapping, with positions in {@code text}. */
	public List<CprMatch> find(CharSequence text) {
		Objects.requireNonNull(text, "text");
		long first = CprScanner.next(text, 0, true);
		if (first == CprScanner.NO_MATCH) {
			return List.of();
		}
		List<CprMatch> matches = new ArrayList<>(2);
		scan(text, first, (start, end, match) -> matches.add(match));
		return matches.isEmpty() ? List.of() : List.copyOf(matches);
	}

	/** Whether the text contains at least one CPR number; allocates nothing unless the text needs normalizing. */
	public boolean containsCpr(CharSequence text) {
		Objects.requireNonNull(text, "text");
		long span = CprScanner.next(text, 0, true);
		if (span == CprScanner.NO_MATCH) {
			return false;
		}
		return readsInPlace(text, span) || CprScanner.next(CprText.of(text).text(), 0, false) != CprScanner.NO_MATCH;
	}

	/**
	 * Whether the whole value, apart from white space and invisible characters around it, is one CPR number in any
	 * of the forms above: for refusing CPR-shaped identifiers. {@link #containsCpr} also finds one inside a longer
	 * value.
	 */
	public boolean looksLikeCpr(CharSequence value) {
		List<CprMatch> matches = find(value);
		return matches.size() == 1 && CprText.isBlank(value, 0, matches.get(0).start())
				&& CprText.isBlank(value, matches.get(0).end(), value.length());
	}

	/**
	 * The text with every match replaced by {@code replacement}'s result; the characters between matches are kept as
	 * they were. Returns the same instance when the text is a String without matches.
	 */
	public String replaceAll(CharSequence text, Function<CprMatch, String> replacement) {
		Objects.requireNonNull(text, "text");
		Objects.requireNonNull(replacement, "replacement");
		long first = CprScanner.next(text, 0, true);
		if (first == CprScanner.NO_MATCH) {
			return text.toString();
		}
		StringBuilder out = new StringBuilder(text.length());
		int[] copied = { 0 };
		scan(text, first, (start, end, match) -> {
			out.append(text, copied[0], start).append(replacement.apply(match));
			copied[0] = end;
		});
		if (copied[0] == 0) {
			return text.toString(); // only the normalized copy could tell, and it holds no match
		}
		return out.append(text, copied[0], text.length()).toString();
	}

	/** The text with every match replaced by {@link #REDACTED}. */
	public String redact(CharSequence text) {
		return replaceAll(text, match -> REDACTED);
	}

	/**
	 * Hands each match to {@code sink}, given the first result of scanning {@code text} in place: the text is read in
	 * place when it allows it, else through a normalized copy.
	 */
	private static void scan(CharSequence text, long first, MatchSink sink) {
		boolean inPlace = readsInPlace(text, first);
		CprText normalized = inPlace ? null : CprText.of(text);
		CharSequence s = inPlace ? text : normalized.text();
		long span = inPlace ? first : CprScanner.next(s, 0, false);
		while (span != CprScanner.NO_MATCH) {
			int from = CprScanner.start(span);
			int to = CprScanner.end(span);
			int start = inPlace ? from : normalized.originalStart(from);
			int end = inPlace ? to : normalized.originalEnd(to);
			sink.accept(start, end, toMatch(s, from, to, start, end));
			span = CprScanner.next(s, to, false);
		}
	}

	/**
	 * Whether the first result of scanning {@code text} in place stands: it is a match and no character after it needs
	 * normalizing (the scan would have stopped at one before it).
	 */
	private static boolean readsInPlace(CharSequence text, long first) {
		return first != CprScanner.NEEDS_NORMALIZATION && CprText.isClean(text, CprScanner.end(first));
	}

	/** A match read from [from, to) of the scanned text {@code s}, spanning [start, end) of the original text. */
	private static CprMatch toMatch(CharSequence s, int from, int to, int start, int end) {
		long value = CprScanner.value(s, from, to);
		char[] digits = new char[10];
		long rest = value;
		int sum = 0;
		for (int k = 9; k >= 0; k--) {
			int digit = (int) (rest % 10);
			digits[k] = (char) ('0' + digit);
			sum += digit * MODULUS11_WEIGHTS[k];
			rest /= 10;
		}
		LocalDate birthDate = LocalDate.of(CprScanner.birthYear(value), CprScanner.month(value),
				CprScanner.day(value));
		return new CprMatch(start, end, new String(digits), birthDate, sum % 11 == 0);
	}

	@FunctionalInterface
	private interface MatchSink {

		void accept(int start, int end, CprMatch match);

	}
}
