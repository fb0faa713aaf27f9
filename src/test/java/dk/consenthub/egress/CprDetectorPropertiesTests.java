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

/**
 * Generated text against {@link CprDetector}: every valid CPR number in every written form is found and masked over
 * exactly its original characters, and generated look-alikes are never flagged. jqwik rather than plain JUnit because
 * its generators combine forms, separators, digit scripts and invisible characters without enumerating the product,
 * and its shrinking reports a failure as the shortest text that shows it.
 */
class CprDetectorPropertiesTests {

	private static final LocalDate FIRST_BIRTH_DATE = LocalDate.of(1858, 1, 1);

	private static final LocalDate LAST_BIRTH_DATE = LocalDate.of(2057, 12, 31);

	/** Every separator character and every kind of space the detector knows, alone. */
	private static final List<String> SEPARATORS = List.of("-", ".", "/", "_", " ", "\u00A0", "\u202F", "\u2009",
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

	private final CprDetector detector = new CprDetector();

	@Property(tries = 3000)
	void findsEveryValidCprInEveryWrittenFormAndMasksExactlyIt(@ForAll("writtenCprs") WrittenCpr cpr,
			@ForAll("noise") String before, @ForAll("noise") String after) {
		String written = cpr.text();
		String text = before + written + after;

		assertThat(detector.find(text)).as(text).singleElement().satisfies(match -> {
			assertThat(match.digits()).isEqualTo(cpr.cpr().digits());
			assertThat(match.birthDate()).isEqualTo(cpr.cpr().birthDate());
			assertThat(match.start()).isEqualTo(before.length());
			assertThat(match.end()).isEqualTo(before.length() + written.length());
		});
		assertThat(detector.redact(text)).isEqualTo(before + CprDetector.REDACTED + after);
		assertThat(detector.containsCpr(text)).isTrue();
		assertThat(detector.looksLikeCpr(written)).isTrue();
	}

	@Property(tries = 5000)
	void neverFlagsALookAlike(@ForAll("lookAlikes") LookAlike lookAlike, @ForAll("noise") String before,
			@ForAll("noise") String after) {
		String text = before + lookAlike.text() + after;

		assertThat(detector.find(text)).as("%s: %s", lookAlike.kind(), text).isEmpty();
		assertThat(detector.containsCpr(text)).as("%s: %s", lookAlike.kind(), text).isFalse();
	}

	@Property(tries = 1000)
	void redactedTextContainsNoCpr(@ForAll("mixedText") String text) {
		String redacted = detector.redact(text);

		assertThat(detector.containsCpr(redacted)).as(redacted).isFalse();
		assertThat(detector.find(redacted)).isEmpty();
		assertThat(detector.containsCpr(text)).isEqualTo(!detector.find(text).isEmpty());
		if (!detector.containsCpr(text)) {
			assertThat(redacted).isEqualTo(text);
		}
	}

	@Property(tries = 1000)
	void theNormalizedCopyFindsWhatTheInPlaceScanFinds(@ForAll("mixedText") String text) {
		// a trailing zero-width space sends any text through the normalized copy, and changes no position
		assertThat(detector.find(text + "\u200B")).as(text).isEqualTo(detector.find(text));
	}

	/** A text that is no CPR number, and what kind of look-alike it is. */
	record LookAlike(String kind, String text) {
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

	@Provide
	Arbitrary<GeneratedCpr> validCprs() {
		Arbitrary<LocalDate> birthDates = Arbitraries.longs()
			.between(FIRST_BIRTH_DATE.toEpochDay(), LAST_BIRTH_DATE.toEpochDay())
			.map(LocalDate::ofEpochDay);
		return Combinators
			.combine(birthDates, Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 999))
			.as(GeneratedCpr::of);
	}

	/** None, one separator character or space, or a spaced group; each equally likely. */
	@Provide
	Arbitrary<String> separatorGroups() {
		return Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.of(SEPARATORS), Arbitraries.of(SPACED_SEPARATORS));
	}

	/** ASCII for most digits, so that pure ASCII forms are common too. */
	@Provide
	Arbitrary<List<Integer>> digitScripts() {
		Arbitrary<List<Integer>> oneScript = Arbitraries.of(ZEROS).map(zero -> java.util.Collections.nCopies(12, zero));
		Arbitrary<List<Integer>> mixed = Arbitraries.of(ZEROS).list().ofSize(12);
		return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(java.util.Collections.nCopies(12, (int) '0'))),
				Tuple.of(2, oneScript), Tuple.of(1, mixed));
	}

	@Provide
	Arbitrary<List<Tuple.Tuple2<Integer, String>>> invisibleInsertions() {
		return Combinators.combine(Arbitraries.integers().between(0, 100), Arbitraries.of(INVISIBLES))
			.as(Tuple::of)
			.list()
			.ofMaxSize(3);
	}

	@Provide
	Arbitrary<WrittenCpr> writtenCprs() {
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
	@Provide
	Arbitrary<String> noise() {
		return Arbitraries.strings().withChars(NOISE_CHARS).ofMaxLength(9);
	}

	/** Every kind of look-alike, equally often. */
	@Provide
	Arbitrary<LookAlike> lookAlikes() {
		return Arbitraries.oneOf(phoneNumbers().map(text -> new LookAlike("phone number", text)),
				timestamps().map(text -> new LookAlike("date or timestamp", text)),
				otherCenturies().map(text -> new LookAlike("four-digit year of another century", text)),
				invalidDates().map(text -> new LookAlike("invalid date", text)),
				numbers().map(text -> new LookAlike("amount, account or order number", text)));
	}

	/** Full-width digits or invisible characters inside: what normalization reads as the ASCII look-alike. */
	private Arbitrary<String> disguised(Arbitrary<String> lookAlikes) {
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

	@Provide
	Arbitrary<String> phoneNumbers() {
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

	@Provide
	Arbitrary<String> timestamps() {
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
				DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX"), DateTimeFormatter.ofPattern("dd.MM.yyyy"),
				DateTimeFormatter.ofPattern("dd/MM/yyyy"), DateTimeFormatter.ofPattern("dd-MM-yyyy"),
				DateTimeFormatter.ofPattern("dd MM yyyy"), DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm"),
				DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss"), DateTimeFormatter.ofPattern("dd.MM.yy HH:mm"),
				DateTimeFormatter.ofPattern("dd.MM.yyyy 'kl.' HH.mm"), DateTimeFormatter.ofPattern("yyyy.MM.dd"),
				DateTimeFormatter.ofPattern("yyyyMMdd HHmm"), DateTimeFormatter.ofPattern("yyyy-MM-dd HHmm"));
		return disguised(Combinators.combine(times, offsets, formats)
			.as((time, offset, format) -> format.format(OffsetDateTime.of(time, offset))));
	}

	/** A valid CPR written with a four-digit year one or two centuries off the one its 7th digit selects. */
	@Provide
	Arbitrary<String> otherCenturies() {
		return Combinators
			.combine(validCprs(), Arbitraries.of(-200, -100, 100, 200), separatorGroups().list().ofSize(3),
					digitScripts(), invisibleInsertions())
			.as((cpr, shift, separators, zeros, invisibles) -> new WrittenCpr(cpr,
					cpr.birthDate().getYear() + shift, separators, zeros, invisibles).text());
	}

	/** Day and month that are no date in the year the 7th digit selects, in every written form. */
	@Provide
	Arbitrary<String> invalidDates() {
		Arbitrary<int[]> dayMonth = Arbitraries.oneOf(
				Combinators.combine(Arbitraries.of(0, 32, 33, 39, 40, 45, 50, 67, 99), Arbitraries.integers().between(1, 12))
					.as((day, month) -> new int[] { day, month }),
				Combinators.combine(Arbitraries.integers().between(1, 31), Arbitraries.of(0, 13, 19, 20, 31, 45, 99))
					.as((day, month) -> new int[] { day, month }),
				Combinators.combine(Arbitraries.of(30, 31), Arbitraries.just(2)).as((day, month) -> new int[] { day, month }),
				Combinators.combine(Arbitraries.just(31), Arbitraries.of(4, 6, 9, 11)).as((day, month) -> new int[] { day, month }),
				Arbitraries.just(new int[] { 29, 2 }));
		return Combinators
			.combine(dayMonth, validCprs(), Arbitraries.of(false, true), separatorGroups().list().ofSize(3),
					digitScripts(), invisibleInsertions())
			.as((dm, cpr, fourDigitYear, separators, zeros, invisibles) -> {
				int year = cpr.birthDate().getYear();
				if (dm[0] == 29 && dm[1] == 2) {
					// the year after a leap year is no leap year in whichever century the 7th digit selects
					year = LocalDate.of(year, 1, 1).isLeapYear() ? year + 1 : year;
				}
				String digits = String.format("%02d%02d%02d", dm[0], dm[1], year % 100) + cpr.digits().substring(6);
				GeneratedCpr invalid = new GeneratedCpr(digits, cpr.birthDate());
				return new WrittenCpr(invalid, fourDigitYear ? year : year % 100, separators, zeros, invisibles).text();
			});
	}

	@Provide
	Arbitrary<String> numbers() {
		Arbitrary<String> groupSeparator = Arbitraries.of(".", " ", "\u00A0", "\u202F");
		Arbitrary<String> amounts = Combinators
			.combine(Arbitraries.longs().between(1_000, 999_999_999_999L), groupSeparator,
					Arbitraries.of("", ",00", ",50", ",99"), Arbitraries.of("kr. ", "DKK ", "", "Beløb: "))
			.as((value, separator, decimals, currency) -> currency
					+ String.format(java.util.Locale.ROOT, "%,d", value).replace(",", separator) + decimals);
		Arbitrary<String> englishAmounts = Arbitraries.longs()
			.between(1_000, 999_999_999_999L)
			.map(value -> String.format(java.util.Locale.ROOT, "EUR %,d.%02d", value, value % 100));
		Arbitrary<String> digitGroups = Arbitraries.strings().numeric().ofLength(4);
		Arbitrary<String> ibans = Combinators
			.combine(Arbitraries.strings().numeric().ofLength(2), digitGroups.list().ofSize(3),
					Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(4), Arbitraries.of(" ", "-", "\u00A0"))
			.as((check, groups, last, separator) -> "DK" + check + separator + String.join(separator, groups)
					+ separator + last);
		Arbitrary<String> cards = Combinators.combine(digitGroups.list().ofSize(4), Arbitraries.of(" ", "-"))
			.as((groups, separator) -> String.join(separator, groups));
		Arbitrary<String> invoices = Combinators
			.combine(Arbitraries.integers().between(2013, 2099), Arbitraries.strings().numeric().ofLength(6),
					Arbitraries.of("%d-%s", "Faktura %d-%s", "INV-%d/%s", "ORD_%d_%s"))
			.as((year, serial, format) -> String.format(format, year, serial));
		Arbitrary<String> orderNumbers = Combinators
			.combine(Arbitraries.of("ORD-", "Ordre ", "#", "Sag "),
					Arbitraries.oneOf(Arbitraries.strings().numeric().ofMinLength(5).ofMaxLength(9),
							Arbitraries.strings().numeric().ofMinLength(13).ofMaxLength(16)))
			.as((prefix, digits) -> prefix + digits);
		return disguised(Arbitraries.oneOf(amounts, englishAmounts, ibans, cards, invoices, orderNumbers));
	}

	/** CPRs in any written form, digit runs, phone numbers and noise, glued together in any order. */
	@Provide
	Arbitrary<String> mixedText() {
		Arbitrary<String> cprs = writtenCprs().map(WrittenCpr::text);
		Arbitrary<String> digitRuns = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(12);
		Arbitrary<String> token = Arbitraries.frequencyOf(Tuple.of(4, cprs), Tuple.of(2, digitRuns),
				Tuple.of(1, phoneNumbers()), Tuple.of(1, Arbitraries.of(SEPARATORS)), Tuple.of(4, noise()));
		return token.list().ofMaxSize(12).map(tokens -> String.join("", tokens));
	}
}
