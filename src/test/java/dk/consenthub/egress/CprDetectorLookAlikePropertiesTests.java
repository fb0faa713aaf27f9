package dk.consenthub.egress;

import static dk.consenthub.egress.CprArbitraries.digitScripts;
import static dk.consenthub.egress.CprArbitraries.disguised;
import static dk.consenthub.egress.CprArbitraries.invisibleInsertions;
import static dk.consenthub.egress.CprArbitraries.phoneNumbers;
import static dk.consenthub.egress.CprArbitraries.separatorGroups;
import static dk.consenthub.egress.CprArbitraries.validCprs;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import dk.consenthub.egress.CprArbitraries.GeneratedCpr;
import dk.consenthub.egress.CprArbitraries.WrittenCpr;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generated look-alikes against {@link CprDetector}: phone numbers, dates and timestamps, CPR numbers with a year of
 * another century or an impossible date, amounts, accounts and order numbers are never flagged, whatever their script
 * and the noise around them.
 */
class CprDetectorLookAlikePropertiesTests {

	private final CprDetector detector = new CprDetector();

	@Property(tries = 5000)
	void neverFlagsALookAlike(@ForAll("lookAlikes") LookAlike lookAlike, @ForAll("noise") String before,
			@ForAll("noise") String after) {
		String text = before + lookAlike.text() + after;

		assertThat(detector.find(text)).as("%s: %s", lookAlike.kind(), text).isEmpty();
		assertThat(detector.containsCpr(text)).as("%s: %s", lookAlike.kind(), text).isFalse();
	}

	/** A text that is no CPR number, and what kind of look-alike it is. */
	record LookAlike(String kind, String text) {
	}

	@Provide
	Arbitrary<String> noise() {
		return CprArbitraries.noise();
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
}
