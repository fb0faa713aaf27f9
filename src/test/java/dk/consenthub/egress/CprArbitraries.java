package dk.consenthub.egress;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators for the properties of {@link CprDetector}: valid CPR numbers in every written form, phone numbers,
 * and noise around them. jqwik rather than plain JUnit because its generators combine forms, separators, digit
 * scripts and invisible characters without enumerating the product, and its shrinking reports a failure as the
 * shortest text that shows it.
 */
final class CprArbitraries {

	private static final LocalDate FIRST_BIRTH_DATE = LocalDate.of(1858, 1, 1);

	private static final LocalDate LAST_BIRTH_DATE = LocalDate.of(2057, 12, 31);

	/** Every separator character and every kind of space the detector knows, alone. */
	static final List<String> SEPARATORS = List.of("-", ".", "/", "_", " ", "\u00A0", "\u202F", "\u2009",
			"\u2007", "\u2002", "\u3000", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "\uFE58",
			"\uFE63", "\uFF0D", "\uFF0E", "\uFF0F", "\uFF3F");

	/** Separator groups of more than one character: spaces around a separator, two spaces. */
	private static final List<String> SPACED_SEPARATORS = List.of(" - ", "  ", " / ", "\u00A0\u2013\u00A0", ". ", " _",
			"-  ", "  .  ");

	/** Digit zero of each script tried: ASCII, full-width, Arabic-Indic, Persian, Devanagari, Bengali, Thai, and
	 * mathematical bold and monospace (outside the BMP). */
	private static final List<Integer> ZEROS = List.of((int) '0', 0xFF10, 0x0660, 0x06F0, 0x0966, 0x09E6, 0x0E50,
			0x1D7CE, 0x1D7F6);

	private static final List<String> INVISIBLES = List.of("\u200B", "\u200C", "\u200D", "\u2060", "\u00AD", "\uFEFF",
			"\u180E", "\u200E", "\u2066", "\u034F", "\uFE0F", "\u0301");

	/** Letters, punctuation and spaces; never a digit. */
	private static final String NOISE_CHARS = "abcdefghijklmnopqrstuvwxyzæøåABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ"
			+ " .,;:!?()[]{}<>\"'@/#&*+=_-\u00A0\u2013\u200B\uFF21";

	private CprArbitraries() {
	}

	/** A CPR built from a birth date: the 7th digit is one that the CPR table maps to that date's century. */
	record GeneratedCpr(String digits, LocalDate birthDate) {

		static GeneratedCpr of(LocalDate birthDate, int digit7Choice, int lastThree) {
			int[] digit7s = digit7sFor(birthDate.getYear());
			int digit7 = digit7s[digit7Choice % digit7s.length];
			String digits = String.format("%02d%02d%02d%d%03d", birthDate.getDayOfMonth(), birthDate.getMonthValue(),
					birthDate.getYear() % 100, digit7, lastThree);
			return new GeneratedCpr(digits, birthDate);
		}

		/** The table of external-apis.md 4.1, read by year instead of by digit. */
		static int[] digit7sFor(int year) {
			if (year <= 1899) {
				return IntStream.rangeClosed(5, 8).toArray();
			}
			if (year <= 1936) {
				return IntStream.rangeClosed(0, 3).toArray();
			}
			if (year <= 1999) {
				return new int[] { 0, 1, 2, 3, 4, 9 };
			}
			if (year <= 2036) {
				return IntStream.rangeClosed(4, 9).toArray();
			}
			return IntStream.rangeClosed(5, 8).toArray();
		}
	}

	/**
	 * One way of writing a CPR: the year in two or four digits, a separator group (or none) after the day, the month
	 * and the year, each digit in a script of its own, and invisible characters inserted inside.
	 */
	record WrittenCpr(GeneratedCpr cpr, int writtenYear, List<String> separators, List<Integer> zeros,
			List<Tuple.Tuple2<Integer, String>> invisibles) {

		String text() {
			String d = cpr.digits();
			String year = writtenYear < 100 ? String.format("%02d", writtenYear) : Integer.toString(writtenYear);
			String visible = script(d.substring(0, 2), 0) + separators.get(0) + script(d.substring(2, 4), 2)
					+ separators.get(1) + script(year, 4) + separators.get(2) + script(d.substring(6), 8);
			return insertInvisibles(visible, invisibles);
		}

		private String script(String asciiDigits, int offset) {
			StringBuilder out = new StringBuilder();
			for (int k = 0; k < asciiDigits.length(); k++) {
				out.appendCodePoint(zeros.get(offset + k) + asciiDigits.charAt(k) - '0');
			}
			return out.toString();
		}
	}

	/** {@code visible} with each invisible character inserted between two code points, never at either end. */
	static String insertInvisibles(String visible, List<Tuple.Tuple2<Integer, String>> invisibles) {
		int[] codePoints = visible.codePoints().toArray();
		StringBuilder[] after = new StringBuilder[codePoints.length];
		for (Tuple.Tuple2<Integer, String> invisible : invisibles) {
			int k = invisible.get1() % (codePoints.length - 1);
			after[k] = (after[k] == null ? new StringBuilder() : after[k]).append(invisible.get2());
		}
		StringBuilder out = new StringBuilder();
		for (int k = 0; k < codePoints.length; k++) {
			out.appendCodePoint(codePoints[k]);
			if (after[k] != null) {
				out.append(after[k]);
			}
		}
		return out.toString();
	}

	static Arbitrary<GeneratedCpr> validCprs() {
		Arbitrary<LocalDate> birthDates = Arbitraries.longs()
			.between(FIRST_BIRTH_DATE.toEpochDay(), LAST_BIRTH_DATE.toEpochDay())
			.map(LocalDate::ofEpochDay);
		return Combinators
			.combine(birthDates, Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 999))
			.as(GeneratedCpr::of);
	}

	/** None, one separator character or space, or a spaced group; each equally likely. */
	static Arbitrary<String> separatorGroups() {
		return Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.of(SEPARATORS), Arbitraries.of(SPACED_SEPARATORS));
	}

	/** ASCII for most digits, so that pure ASCII forms are common too. */
	static Arbitrary<List<Integer>> digitScripts() {
		Arbitrary<List<Integer>> oneScript = Arbitraries.of(ZEROS).map(zero -> java.util.Collections.nCopies(12, zero));
		Arbitrary<List<Integer>> mixed = Arbitraries.of(ZEROS).list().ofSize(12);
		return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(java.util.Collections.nCopies(12, (int) '0'))),
				Tuple.of(2, oneScript), Tuple.of(1, mixed));
	}

	static Arbitrary<List<Tuple.Tuple2<Integer, String>>> invisibleInsertions() {
		return Combinators.combine(Arbitraries.integers().between(0, 100), Arbitraries.of(INVISIBLES))
			.as(Tuple::of)
			.list()
			.ofMaxSize(3);
	}

	static Arbitrary<WrittenCpr> writtenCprs() {
		return Combinators
			.combine(validCprs(), Arbitraries.of(false, true), separatorGroups().list().ofSize(3), digitScripts(),
					invisibleInsertions())
			.as((cpr, fourDigitYear, separators, zeros, invisibles) -> new WrittenCpr(cpr,
					fourDigitYear ? cpr.birthDate().getYear() : cpr.birthDate().getYear() % 100, separators, zeros,
					invisibles));
	}

	/**
	 * At most nine characters each side: even all hex letters could then not form a 32-character hex run or a UUID
	 * around a twelve-digit CPR, which the detector rightly treats as an identifier.
	 */
	static Arbitrary<String> noise() {
		return Arbitraries.strings().withChars(NOISE_CHARS).ofMaxLength(9);
	}

	/** Full-width digits or invisible characters inside: what normalization reads as the ASCII look-alike. */
	static Arbitrary<String> disguised(Arbitrary<String> lookAlikes) {
		return Combinators.combine(lookAlikes, Arbitraries.of(0, 1, 2), invisibleInsertions()).as((text, how, inv) -> {
			if (how == 1) {
				return text.chars()
					.collect(StringBuilder::new,
							(out, c) -> out.append(c >= '0' && c <= '9' ? (char) (0xFF10 + c - '0') : (char) c),
							StringBuilder::append)
					.toString();
			}
			return how == 2 && text.length() > 1 ? insertInvisibles(text, inv) : text;
		});
	}

	static Arbitrary<String> phoneNumbers() {
		Arbitrary<String> subscriber = Combinators
			.combine(Arbitraries.integers().between(2, 9), Arbitraries.strings().numeric().ofLength(7))
			.as((first, rest) -> first + rest);
		Arbitrary<String> prefix = Arbitraries.of("", "+45 ", "+45", "0045 ", "0045", "(+45) ", "+45-", "+45\u00A0",
				"0045-", "tel:+45", "+45.", "(0045) ", "+45 - ", "0045/");
		Arbitrary<PhoneNotation> notation = Arbitraries.of(PhoneNotation.class);
		Arbitrary<String> separator = Arbitraries.of(" ", "-", ".", "/", "_", "\u00A0", "\u2013", "\u202F");
		return disguised(Combinators.combine(prefix, subscriber, notation, separator)
			.as((p, number, n, s) -> p + n.write(number, s)));
	}

	enum PhoneNotation {

		DIGITS, PAIRS, FOURS, THREE_TWO_THREE, TWO_TWO_FOUR;

		String write(String n, String separator) {
			return switch (this) {
				case DIGITS -> n;
				case PAIRS -> String.join(separator, n.substring(0, 2), n.substring(2, 4), n.substring(4, 6),
						n.substring(6));
				case FOURS -> n.substring(0, 4) + separator + n.substring(4);
				case THREE_TWO_THREE -> n.substring(0, 3) + separator + n.substring(3, 5) + separator + n.substring(5);
				case TWO_TWO_FOUR -> n.substring(0, 2) + separator + n.substring(2, 4) + separator + n.substring(4);
			};
		}
	}
}
