package dk.consenthub.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.IntStream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

class CprDetectorPropertiesTests {

	private static final LocalDate FIRST_BIRTH_DATE = LocalDate.of(1858, 1, 1);

	private static final LocalDate LAST_BIRTH_DATE = LocalDate.of(2057, 12, 31);

	private static final List<String> SEPARATORS = List.of("-", " ", "\u00A0", "\u202F", "\u2009", "\u2007", "\u2010",
			"\u2011", "\u2012", "\u2013", "\u2014", "\u2212");

	/** Letters, punctuation and spaces; never a digit. */
	private static final String NOISE_CHARS = "abcdefghijklmnopqrstuvwxyzæøåABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ"
			+ " .,;:!?()[]{}<>\"'@/#&*+=_-\u00A0\u2013";

	private final CprDetector detector = new CprDetector();

	@Property(tries = 1000)
	void findsEveryValidCprInEveryFormInsideNoise(@ForAll("validCprs") GeneratedCpr cpr, @ForAll Form form,
			@ForAll("separators") String separator, @ForAll("noise") String before, @ForAll("noise") String after) {
		String written = form.write(cpr.digits(), separator);
		String text = before + written + after;

		assertThat(detector.find(text)).singleElement().satisfies(match -> {
			assertThat(match.digits()).isEqualTo(cpr.digits());
			assertThat(match.birthDate()).isEqualTo(cpr.birthDate());
			assertThat(match.start()).isEqualTo(before.length());
			assertThat(match.end()).isEqualTo(before.length() + written.length());
		});
		assertThat(detector.containsCpr(text)).isTrue();
	}

	@Property(tries = 1000)
	void neverFlagsADanishPhoneNumber(@ForAll("phoneNumbers") String phone, @ForAll("noise") String before,
			@ForAll("noise") String after) {
		String text = before + phone + after;

		assertThat(detector.find(text)).as(text).isEmpty();
		assertThat(detector.containsCpr(text)).isFalse();
	}

	@Property(tries = 1000)
	void neverFlagsAnIsoDateOrTimestamp(@ForAll("isoTimestamps") String timestamp, @ForAll("noise") String before,
			@ForAll("noise") String after) {
		String text = before + timestamp + after;

		assertThat(detector.find(text)).as(text).isEmpty();
	}

	@Property(tries = 1000)
	void redactedTextContainsNoCpr(@ForAll("mixedText") String text) {
		String redacted = detector.redact(text);

		assertThat(detector.containsCpr(redacted)).as(redacted).isFalse();
		assertThat(detector.find(redacted)).isEmpty();
		if (!detector.containsCpr(text)) {
			assertThat(redacted).isEqualTo(text);
		}
	}

	enum Form {

		PLAIN, SEPARATED, DOTTED_DATE;

		String write(String digits, String separator) {
			return switch (this) {
				case PLAIN -> digits;
				case SEPARATED -> digits.substring(0, 6) + separator + digits.substring(6);
				case DOTTED_DATE -> digits.substring(0, 2) + "." + digits.substring(2, 4) + "." + digits.substring(4, 6)
						+ separator + digits.substring(6);
			};
		}
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

	@Provide
	Arbitrary<GeneratedCpr> validCprs() {
		Arbitrary<LocalDate> birthDates = Arbitraries.longs()
			.between(FIRST_BIRTH_DATE.toEpochDay(), LAST_BIRTH_DATE.toEpochDay())
			.map(LocalDate::ofEpochDay);
		return Combinators
			.combine(birthDates, Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 999))
			.as(GeneratedCpr::of);
	}

	@Provide
	Arbitrary<String> separators() {
		return Arbitraries.of(SEPARATORS);
	}

	/**
	 * At most ten characters each side: even all hex letters could then not form a 32-character hex run or a UUID
	 * around the CPR, which the detector rightly treats as an identifier.
	 */
	@Provide
	Arbitrary<String> noise() {
		return Arbitraries.strings().withChars(NOISE_CHARS).ofMaxLength(10);
	}

	@Provide
	Arbitrary<String> phoneNumbers() {
		Arbitrary<String> subscriber = Combinators
			.combine(Arbitraries.integers().between(2, 9), Arbitraries.strings().numeric().ofLength(7))
			.as((first, rest) -> first + rest);
		Arbitrary<String> prefix = Arbitraries.of("", "+45 ", "+45", "0045 ", "0045", "(+45) ", "+45-", "+45\u00A0",
				"0045-", "tel:+45", "+45.");
		Arbitrary<PhoneNotation> notation = Arbitraries.of(PhoneNotation.class);
		return Combinators.combine(prefix, subscriber, notation).as((p, number, n) -> p + n.write(number));
	}

	enum PhoneNotation {

		DIGITS, PAIRS_SPACED, PAIRS_HYPHENATED, PAIRS_DOTTED, PAIRS_NO_BREAK_SPACE, FOURS_SPACED, FOURS_HYPHENATED,
		THREE_TWO_THREE, TWO_TWO_FOUR;

		String write(String n) {
			return switch (this) {
				case DIGITS -> n;
				case PAIRS_SPACED -> pairs(n, " ");
				case PAIRS_HYPHENATED -> pairs(n, "-");
				case PAIRS_DOTTED -> pairs(n, ".");
				case PAIRS_NO_BREAK_SPACE -> pairs(n, "\u00A0");
				case FOURS_SPACED -> n.substring(0, 4) + " " + n.substring(4);
				case FOURS_HYPHENATED -> n.substring(0, 4) + "-" + n.substring(4);
				case THREE_TWO_THREE -> n.substring(0, 3) + " " + n.substring(3, 5) + " " + n.substring(5);
				case TWO_TWO_FOUR -> n.substring(0, 2) + " " + n.substring(2, 4) + " " + n.substring(4);
			};
		}

		private static String pairs(String n, String separator) {
			return String.join(separator, n.substring(0, 2), n.substring(2, 4), n.substring(4, 6), n.substring(6));
		}
	}

	@Provide
	Arbitrary<String> isoTimestamps() {
		Arbitrary<LocalDateTime> times = Combinators
			.combine(Arbitraries.longs()
				.between(LocalDateTime.of(1900, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC),
						LocalDateTime.of(2100, 12, 31, 23, 59).toEpochSecond(ZoneOffset.UTC)),
					Arbitraries.integers().between(0, 999_999_999))
			.as((seconds, nanos) -> LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC));
		Arbitrary<ZoneOffset> offsets = Arbitraries.integers()
			.between(-18 * 4, 18 * 4)
			.map(quarters -> ZoneOffset.ofTotalSeconds(quarters * 15 * 60));
		Arbitrary<DateTimeFormatter> formats = Arbitraries.of(DateTimeFormatter.ISO_LOCAL_DATE,
				DateTimeFormatter.BASIC_ISO_DATE, DateTimeFormatter.ISO_LOCAL_DATE_TIME,
				DateTimeFormatter.ISO_OFFSET_DATE_TIME, DateTimeFormatter.ISO_INSTANT,
				DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssxx"), DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssX"),
				DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS"), DateTimeFormatter.ofPattern("yyyyMMddHHmmss"),
				DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSSxxx"),
				DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX"));
		return Combinators.combine(times, offsets, formats)
			.as((time, offset, format) -> format.format(OffsetDateTime.of(time, offset)));
	}

	/** CPRs in any form, digit runs, phone numbers and noise, glued together in any order. */
	@Provide
	Arbitrary<String> mixedText() {
		Arbitrary<String> cprs = Combinators.combine(validCprs(), Arbitraries.of(Form.class), separators())
			.as((cpr, form, separator) -> form.write(cpr.digits(), separator));
		Arbitrary<String> digitRuns = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(12);
		Arbitrary<String> token = Arbitraries.frequencyOf(Tuple.of(4, cprs),
				Tuple.of(2, digitRuns), Tuple.of(1, phoneNumbers()),
				Tuple.of(4, noise()));
		return token.list().ofMaxSize(12).map(tokens -> String.join("", tokens));
	}
}
