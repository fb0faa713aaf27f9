package dk.consenthub.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@link CprDetector} refuses: digit groups of longer numbers, runs glued to other digits, phone numbers, dates,
 * amounts, accounts and order numbers.
 */
class CprDetectorLookAlikesTests {

	private final CprDetector detector = new CprDetector();

	@Nested
	class GroupedNumbers {

		@ParameterizedTest
		@ValueSource(strings = { "DK50 1506 1990 1234 56", "DK15 0619 9012 3456 78", "DK15 0619 9012 34",
				"4571 0101 1990 1234", "0101 1990 1234 5678", "4571-0101-1990-1234", "DK50\u00A00101\u00A01990\u00A01234\u00A056",
				"Kort 5412 0101 2030 4050 udløber" })
		void fourDigitGroupsBesideAnotherGroupArePartOfThatNumber(String text) {
			assertThat(detector.find(text)).isEmpty();
		}

		@ParameterizedTest
		@ValueSource(strings = { "0101 1990 1234", "CPR 0101 1990 1234, tlf 20304050", "01 0190 1234",
				"010190 1234 2100 København", "01.01.90-1234 20304050" })
		void theSameGroupsOnTheirOwnAreACpr(String text) {
			assertThat(detector.find(text)).singleElement()
				.satisfies(match -> assertThat(match.digits()).isEqualTo("0101901234"));
		}
	}

	@Nested
	class Boundaries {

		@ParameterizedTest
		@ValueSource(strings = { "010190123", "01019012345", "10101901234", "010190-12345", "0010190-1234",
				"010190-123", "1.02.90-1234", "01.02.90-12345" })
		void digitRunsOfAnotherLengthNeverMatch(String text) {
			assertThat(detector.find(text)).isEmpty();
		}

		@Test
		void lettersMayTouchTheNumber() {
			assertThat(detector.find("anna0102901234@example.dk")).singleElement()
				.satisfies(match -> assertThat(match.start()).isEqualTo(4));
			assertThat(detector.find("cpr0102901234x")).hasSize(1);
		}

		@Test
		void findsNumbersAtBothEndsOfTheText() {
			assertThat(detector.find("0102901234 og 020290-1234")).extracting(CprMatch::start, CprMatch::end)
				.containsExactly(tuple(0, 10), tuple(14, 25));
		}

		@ParameterizedTest
		@ValueSource(strings = { "0101901234.50", "Faktor 3.0101901234", "01.02.90-1234.5", "7.010190-1234",
				"20240115T100545-0500", "20240115t100545-0500", "0101901234T10" })
		void dotOrIsoTimeDesignatorBetweenDigitsGluesThemIntoOneNumber(String text) {
			assertThat(detector.find(text)).isEmpty();
		}

		@Test
		void sentenceFullStopAndCsvCommaAreBoundaries() {
			assertThat(detector.find("CPR 0101901234.")).hasSize(1);
			assertThat(detector.find("42,0101901234,Anna")).hasSize(1);
			assertThat(detector.find("0101901234,50")).hasSize(1);
		}

		@Test
		void groupBeforeASeparatorIsJudgedOnItsOwn() {
			assertThat(detector.find("1234-0101901234")).singleElement()
				.satisfies(match -> assertThat(match.start()).isEqualTo(5));
			assertThat(detector.find("1234-5678901234")).isEmpty();
			assertThat(detector.find("Ref 12 010190-1234")).hasSize(1);
		}

		@ParameterizedTest
		@ValueSource(strings = { "ab010190-1234-4abc-8def-0123456789ab", "123e4567-e89b-42d3-a456-ab0101901234",
				"4bf92f3577b34da6a3ce0101901234ff", "commit 3fa0101901234bcd9e7a1b2c3d4e5f6a7b8c9d0e" })
		void numbersInsideHexIdentifiersAreNotCprs(String text) {
			assertThat(detector.find(text)).isEmpty();
		}

		@Test
		void shortHexLetterNeighboursDoNotMakeAnIdentifier() {
			assertThat(detector.find("abcdef0101901234abcdef")).hasSize(1);
			assertThat(detector.find("ab010190-1234-4abc")).hasSize(1);
		}
	}

	@Nested
	class LookAlikes {

		@ParameterizedTest
		@ValueSource(strings = { "+45 20 30 40 50", "+45 20304050", "20304050", "0045 20304050", "+4520304050",
				"2030 4050", "20-30-40-50", "(+45) 20 30 40 50", "tel:+4520304050", "(+45) 2030-4050", "+45 2030 4050",
				"0045 2030 4050", "0045-20-30-40-50", "20.30.40.50", "20/30/40/50", "+45 31 12 90 12", "+45 3112 9012",
				"0045 3112 9012", "+45\u00A031\u00A012\u00A090\u00A012", "+45 311 29 012", "tlf 2817 8281 / 2817 8281",
				"\uFF0B\uFF14\uFF15 \uFF13\uFF11 \uFF11\uFF12 \uFF19\uFF10 \uFF11\uFF12", "+45 31\u200B12\u200B9012" })
		void ignoresDanishPhoneNumbers(String text) {
			assertThat(detector.find(text)).isEmpty();
		}

		@ParameterizedTest
		@ValueSource(strings = { "2024-01-15", "2024-01-15T10:00:00Z", "20240115", "20240115T103000Z",
				"2024-01-15T10:00:00.123456789+01:00", "20240115T100545-0500", "1705312800000", "15.01.2024",
				"15.01.2024 10:30", "15/01/2024 10:30:45", "15-01-2024", "15.01.24 10:30", "2024-01-15 10:30:00,123",
				"1990-01-01 12:34", "\uFF12\uFF10\uFF12\uFF14-\uFF10\uFF11-\uFF11\uFF15" })
		void ignoresDatesTimestampsAndEpochMillis(String text) {
			assertThat(detector.find(text)).isEmpty();
		}

		@ParameterizedTest
		@ValueSource(strings = { "1.234.567,89 kr", "kr. 12.500,00", "1234567890.50", "DK50 0040 0440 1162 43",
				"DK5000400440116243", "550e8400-e29b-41d4-a716-446655440000", "DKK 1 234 567,89", "EUR 1,234,567.89",
				"kr. 10.101.990,12", "Beløb 12\u00A0345\u00A0678,00", "0101901234.50", "01011990-1234-4abc-8def-0123456789ab" })
		void ignoresAmountsAccountsAndIds(String text) {
			assertThat(detector.find(text)).isEmpty();
		}

		@ParameterizedTest
		@ValueSource(strings = { "Faktura 2024-000123", "Ordre 2025-01-0042", "INV-2026-0042-17", "Ordrenr. 10023456",
				"Order #123456789012", "Faktura nr. 2024/1234/56", "ORD_2025_01_15_1030", "Sag 2024-0015-3" })
		void ignoresOrderAndInvoiceNumbers(String text) {
			assertThat(detector.find(text)).isEmpty();
		}
	}
}
