package dk.consenthub.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CprDetectorTests {

	private final CprDetector detector = new CprDetector();

	static Stream<String> separatorCharacters() {
		return Stream.of("-", ".", "/", "_", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212",
				"\uFE58", "\uFE63", "\uFF0D", "\uFF0E", "\uFF0F", "\uFF3F");
	}

	static Stream<String> spaces() {
		return Stream.of(" ", "\u00A0", "\u202F", "\u2009", "\u2007", "\u2002", "\u3000");
	}

	/** Every separator character and every kind of space, each alone. */
	static Stream<String> separators() {
		return Stream.concat(separatorCharacters(), spaces());
	}

	@Nested
	class WrittenForms {

		@Test
		void findsTenDigitsWithoutSeparator() {
			assertThat(detector.find("CPR 0102901234")).singleElement().satisfies(match -> {
				assertThat(match.digits()).isEqualTo("0102901234");
				assertThat(match.start()).isEqualTo(4);
				assertThat(match.end()).isEqualTo(14);
			});
		}

		@ParameterizedTest
		@MethodSource("dk.consenthub.egress.CprDetectorTests#separators")
		void findsSixAndFourDigitsAroundEachSeparator(String separator) {
			String text = "CPR 010290" + separator + "1234.";

			assertThat(detector.find(text)).singleElement().satisfies(match -> {
				assertThat(match.digits()).isEqualTo("0102901234");
				assertThat(text.substring(match.start(), match.end())).isEqualTo("010290" + separator + "1234");
			});
		}

		@ParameterizedTest
		@MethodSource("dk.consenthub.egress.CprDetectorTests#separators")
		void findsEachSeparatorBetweenEveryPart(String separator) {
			String text = "født 01" + separator + "02" + separator + "90" + separator + "1234";

			assertThat(detector.find(text)).singleElement().satisfies(match -> {
				assertThat(match.digits()).isEqualTo("0102901234");
				assertThat(match.start()).isEqualTo(5);
				assertThat(match.end()).isEqualTo(text.length());
			});
		}

		@ParameterizedTest
		@MethodSource("dk.consenthub.egress.CprDetectorTests#separatorCharacters")
		void findsEachSeparatorCharacterWithSpacesAroundIt(String separator) {
			assertThat(detector.find("010190 " + separator + " 1234")).hasSize(1);
			assertThat(detector.find("01 " + separator + " 01" + separator + "  90  " + separator + "1234")).hasSize(1);
		}

		@ParameterizedTest
		@CsvSource(delimiter = '|', value = { "Karen 02 02 92 2222|0202922222", "03-03-93-3333@example.dk|0303933333",
				"01-01-90-1234|0101901234", "010190 - 1234|0101901234", "010190/1234|0101901234",
				"010190_1234|0101901234", "010190.1234|0101901234", "01.01.1990-1234|0101901234",
				"01/01/90-1234|0101901234", "01.01-90/1234|0101901234", "0101 90 1234|0101901234",
				"01 0190 1234|0101901234", "0101 901234|0101901234", "010190  1234|0101901234" })
		void findsTheFormsOfIssue10(String text, String digits) {
			assertThat(detector.find(text)).singleElement()
				.satisfies(match -> assertThat(match.digits()).isEqualTo(digits));
		}

		@ParameterizedTest
		@ValueSource(strings = { "010190--1234", "010190 -- 1234", "010190-/1234", "010190   1234", "010190\t1234",
				"010190\n1234", "010190,1234", "010190:1234", "010190|1234", "0101901-234", "01.01.9.01234" })
		void doesNotJoinAcrossTwoSeparatorsLongGapsOrOtherPunctuation(String text) {
			assertThat(detector.find(text)).isEmpty();
		}
	}

	@Nested
	class FourDigitYears {

		@ParameterizedTest
		@CsvSource({ "01.01.1990-1234, 0101901234, 1990-01-01", "01011990 1234, 0101901234, 1990-01-01",
				"010119901234, 0101901234, 1990-01-01", "24/12/2005 4123, 2412054123, 2005-12-24",
				"01-01-1890-5123, 0101905123, 1890-01-01", "31 12 2057 5999, 3112575999, 2057-12-31",
				"29.02.2000-4000, 2902004000, 2000-02-29" })
		void findsAFourDigitYearOfTheCenturyTheSeventhDigitSelects(String text, String digits, LocalDate birthDate) {
			assertThat(detector.find(text)).singleElement().satisfies(match -> {
				assertThat(match.digits()).isEqualTo(digits);
				assertThat(match.birthDate()).isEqualTo(birthDate);
				assertThat(match.end()).isEqualTo(text.length());
			});
		}

		@ParameterizedTest
		@ValueSource(strings = { "01.01.2090-1234", "01.01.1990-5123", "01.01.1890-1234", "24.12.2005-1234",
				"01.01.1936-4123", "01.01.2037-4123", "15.03.2024 1030", "29.02.1900-1234", "01.01.0190-1234" })
		void rejectsAFourDigitYearOfAnotherCentury(String text) {
			assertThat(detector.find(text)).isEmpty();
		}

		@ParameterizedTest
		@ValueSource(strings = { "01.01.1990", "01.01.1990 12:34", "01/01/1990 kl. 12.34", "1990-01-01 1234",
				"01.01.1990 12.34", "0101-1990" })
		void aDateAloneOrWithATimeIsNotACpr(String text) {
			assertThat(detector.find(text)).isEmpty();
		}
	}

	@Nested
	class Normalization {

		@ParameterizedTest
		@ValueSource(strings = { "\uFF10\uFF11\uFF10\uFF11\uFF19\uFF10-\uFF11\uFF12\uFF13\uFF14",
				"\u0660\u0661\u0660\u0661\u0669\u0660-\u0661\u0662\u0663\u0664",
				"\u06F0\u06F1\u06F0\u06F1\u06F9\u06F0\u06F1\u06F2\u06F3\u06F4",
				"\u0966\u0967\u0966\u0967\u096F\u0966 \u0967\u0968\u0969\u096A",
				"\uD835\uDFCE\uD835\uDFCF\uD835\uDFCE\uD835\uDFCF\uD835\uDFD7\uD835\uDFCE1234",
				"\uFF10\uFF11\uFF0E\uFF10\uFF11\uFF0E\uFF19\uFF10\uFF0D1234", "01\u204401\u204490 1234" })
		void readsDigitsAndPunctuationOfOtherWidthsAndScriptsAsNfkcDoes(String text) {
			assertThat(detector.find(text)).singleElement().satisfies(match -> {
				assertThat(match.digits()).isEqualTo("0101901234");
				assertThat(match.start()).isZero();
				assertThat(match.end()).isEqualTo(text.length());
			});
			assertThat(detector.redact("CPR " + text + ".")).isEqualTo("CPR [CPR].");
		}

		@ParameterizedTest
		@ValueSource(strings = { "\u200B", "\u200C", "\u200D", "\u2060", "\u00AD", "\uFEFF", "\u180E", "\u2066",
				"\u034F", "\uFE0F", "\u0301" })
		void skipsInvisibleCharactersAnywhereInTheNumber(String invisible) {
			for (String text : List.of("010190" + invisible + "1234", "01" + invisible + "0190-1234",
					"010190-" + invisible + "1234", "01.01.1990" + invisible + "-" + invisible + "1234",
					"0" + invisible + "1" + invisible + "0" + invisible + "190 1234")) {
				String written = "Anna " + text + ", tlf 20304050";

				assertThat(detector.find(written)).as(text).singleElement().satisfies(match -> {
					assertThat(match.digits()).isEqualTo("0101901234");
					assertThat(written.substring(match.start(), match.end())).isEqualTo(text);
				});
				assertThat(detector.redact(written)).isEqualTo("Anna [CPR], tlf 20304050");
			}
		}

		@Test
		void invisibleCharactersJoinDigitsIntoLongerRuns() {
			assertThat(detector.find("0101901234\u200B5")).isEmpty();
			assertThat(detector.find("1\u00AD0101901234")).isEmpty();
			assertThat(detector.find("0101901234\u200B.50")).isEmpty();
		}

		@Test
		void invisibleCharactersAroundTheNumberStayOutsideTheMatch() {
			String text = "\u200B\uFEFF0101901234\u00AD";

			assertThat(detector.find(text)).singleElement().satisfies(match -> {
				assertThat(match.start()).isEqualTo(2);
				assertThat(match.end()).isEqualTo(12);
			});
			assertThat(detector.redact(text)).isEqualTo("\u200B\uFEFF[CPR]\u00AD");
		}

		@Test
		void keepsEveryOtherCharacterOfTheOriginalText() {
			String text = "😀 Ærø: ０１０１９０-１２３４, ﬁle ⑩ og 02\u200B02\u200B92 2222 ½";

			assertThat(detector.redact(text)).isEqualTo("😀 Ærø: [CPR], ﬁle ⑩ og [CPR] ½");
			assertThat(detector.replaceAll(text, CprMatch::digits)).isEqualTo("😀 Ærø: 0101901234, ﬁle ⑩ og 0202922222 ½");
		}

		@Test
		void readsCompatibilityCharactersAsTheirNfkcForm() {
			// NFKC: ⑩ is "10", ⒈ is "1.", a superscript two is 2
			assertThat(detector.find("⑩0101901234")).isEmpty();
			assertThat(detector.find("⒈0101901234")).isEmpty();
			assertThat(detector.find("\u00B2\u00B2\u00B9\u00B2\u00B9\u00B9 1234")).singleElement()
				.satisfies(match -> assertThat(match.digits()).isEqualTo("2212111234"));
		}
	}

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
	class BirthDates {

		@ParameterizedTest
		@CsvSource({ "0101000123, 1900-01-01", "3112993999, 1999-12-31", "0101364123, 2036-01-01",
				"0101374123, 1937-01-01", "0101589123, 1958-01-01", "0101369123, 2036-01-01", "0101379123, 1937-01-01",
				"0101365123, 2036-01-01", "0101375123, 2037-01-01", "3112578123, 2057-12-31", "0101585123, 1858-01-01",
				"3112998999, 1899-12-31" })
		void seventhDigitSelectsTheCentury(String digits, LocalDate birthDate) {
			assertThat(detector.find("CPR " + digits)).singleElement()
				.satisfies(match -> assertThat(match.birthDate()).isEqualTo(birthDate));
		}

		@ParameterizedTest
		@CsvSource({ "2902004123, 2000-02-29", "2902960123, 1996-02-29", "2902605123, 1860-02-29",
				"2902568123, 2056-02-29", "2902040123, 1904-02-29" })
		void acceptsLeapDaysOfTheResolvedCentury(String digits, LocalDate birthDate) {
			assertThat(detector.find(digits)).singleElement()
				.satisfies(match -> assertThat(match.birthDate()).isEqualTo(birthDate));
		}

		@ParameterizedTest
		@ValueSource(strings = { "290200-0123", "290201-4000", "290258-5123", "290257-5123", "290299-1234" })
		void rejectsLeapDaysOfNonLeapYears(String text) {
			assertThat(detector.find(text)).isEmpty();
		}

		@ParameterizedTest
		@ValueSource(strings = { "310490-1234", "011390-1234", "000190-1234", "010090-1234", "320190-1234",
				"9912311234", "31.04.90-1234" })
		void rejectsImpossibleDates(String text) {
			assertThat(detector.find(text)).isEmpty();
		}

		@Test
		void acceptsBirthDatesInTheFuture() {
			assertThat(detector.find("010150-5123")).singleElement()
				.satisfies(match -> assertThat(match.birthDate()).isEqualTo(LocalDate.of(2050, 1, 1)));
		}
	}

	@Nested
	class Modulus11 {

		@Test
		void numbersFailingModulus11AreStillFound() {
			assertThat(detector.find("010190-1234")).singleElement()
				.satisfies(match -> assertThat(match.modulus11()).isFalse());
		}

		@Test
		void reportsNumbersPassingModulus11() {
			assertThat(detector.find("010190-1238")).singleElement()
				.satisfies(match -> assertThat(match.modulus11()).isTrue());
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

	@Nested
	class Api {

		@Test
		void toStringShowsOnlyTheSpan() {
			CprMatch match = detector.find("CPR 010190-1234").get(0);

			assertThat(match.toString()).isEqualTo("CprMatch[start=4, end=15]")
				.doesNotContain("0101901234", "010190", "1234", "1990");
		}

		@ParameterizedTest
		@ValueSource(strings = { "0101901234", " 010190-1234 ", "01.01.1990-1234", "\u200B01 01 90 1234\u00A0",
				"\uFF10\uFF11\uFF10\uFF11\uFF19\uFF10\uFF11\uFF12\uFF13\uFF14", "\t010190 - 1234\n" })
		void looksLikeCprWhenTheWholeValueIsOneNumber(String value) {
			assertThat(detector.looksLikeCpr(value)).isTrue();
		}

		@ParameterizedTest
		@ValueSource(strings = { "", "k-0101901234", "0101901234x", "0101901234 0202922222", "cpr 010190-1234",
				"20304050", "2024-01-15", "010190-123" })
		void looksLikeCprIsFalseForAnythingMore(String value) {
			assertThat(detector.looksLikeCpr(value)).isFalse();
		}

		@Test
		void containsCprAllocatesNothingOnAsciiOrCleanText() {
			com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
				.getThreadMXBean();
			List<String> texts = List.of("{\"note\":\"Allergisk over for penicillin – brug nitrilhandsker\"}",
					"Ring på +45 20 30 40 50 eller skriv til søren@example.dk, ordre 2024-000123", "x".repeat(2_000));
			boolean found = false;
			for (int warm = 0; warm < 20_000; warm++) {
				found |= detector.containsCpr(texts.get(warm % texts.size()));
			}
			long before = threads.getCurrentThreadAllocatedBytes();
			for (int i = 0; i < 30_000; i++) {
				found |= detector.containsCpr(texts.get(i % texts.size()));
			}
			long allocated = threads.getCurrentThreadAllocatedBytes() - before;

			assertThat(found).isFalse();
			assertThat(allocated).as("bytes allocated by 30,000 calls").isLessThan(30_000);
		}

		@Test
		void findsAllMatchesInOrderWithoutOverlap() {
			List<CprMatch> matches = detector.find("a 0101901234 b 02.02.90-1234 c 030390 1234");

			assertThat(matches).extracting(CprMatch::digits)
				.containsExactly("0101901234", "0202901234", "0303901234");
			for (int i = 1; i < matches.size(); i++) {
				assertThat(matches.get(i).start()).isGreaterThanOrEqualTo(matches.get(i - 1).end());
			}
		}

		@Test
		void replaceAllKeepsTheSurroundingText() {
			String replaced = detector.replaceAll("Mor 010190-1234, barn 150615-4321.",
					match -> "<" + match.birthDate().getYear() + ">");

			assertThat(replaced).isEqualTo("Mor <1990>, barn <2015>.");
		}

		@Test
		void replaceAllReturnsTheSameStringWhenNothingMatches() {
			String text = "Tlf. +45 20 30 40 50, ordre 2024-000123";

			assertThat(detector.replaceAll(text, match -> "x")).isSameAs(text);
			assertThat(detector.redact(text)).isSameAs(text);
		}

		@Test
		void redactReplacesEveryMatchWithTheConstant() {
			assertThat(detector.redact("{\"cpr\":\"0101901234\",\"note\":\"mor 02.02.90 1234\"}"))
				.isEqualTo("{\"cpr\":\"[CPR]\",\"note\":\"mor [CPR]\"}");
			assertThat(CprDetector.REDACTED).isEqualTo("[CPR]");
		}

		@Test
		void acceptsAnyCharSequence() {
			StringBuilder text = new StringBuilder("CPR 010190-1234");

			assertThat(detector.containsCpr(text)).isTrue();
			assertThat(detector.redact(text)).isEqualTo("CPR [CPR]");
		}

		@Test
		void givesTheSameAnswersWhenSharedBetweenThreads() throws IOException {
			List<String> texts = corpus().stream().map(CorpusCase::text).toList();
			List<String> sequential = texts.stream().map(detector::redact).toList();

			assertThat(texts.parallelStream().map(detector::redact).toList()).isEqualTo(sequential);
		}

		@Test
		void containsCprAgreesWithFindOnTheWholeCorpus() throws IOException {
			for (CorpusCase corpusCase : corpus()) {
				assertThat(detector.containsCpr(corpusCase.text())).as(corpusCase.text())
					.isEqualTo(!detector.find(corpusCase.text()).isEmpty());
			}
		}
	}

	@Nested
	class Corpus {

		@Test
		void findsEveryCprAndAlmostNoLookAlike() throws IOException {
			List<CorpusCase> cases = corpus();
			int truePositives = 0;
			int falseNegatives = 0;
			int falsePositives = 0;
			List<String> misses = new ArrayList<>();
			for (CorpusCase corpusCase : cases) {
				int found = detector.find(corpusCase.text()).size();
				int expected = corpusCase.expected();
				if (expected == CorpusCase.AT_LEAST_ONE) {
					// a bare "cpr" label says nothing about extra matches, so the case counts once
					truePositives += found > 0 ? 1 : 0;
					falseNegatives += found > 0 ? 0 : 1;
				}
				else {
					truePositives += Math.min(found, expected);
					falseNegatives += Math.max(0, expected - found);
					falsePositives += Math.max(0, found - expected);
				}
				if (expected == CorpusCase.AT_LEAST_ONE ? found == 0 : found != expected) {
					misses.add(corpusCase.label() + " found " + found + ": " + corpusCase.text());
				}
			}
			double recall = (double) truePositives / (truePositives + falseNegatives);
			double precision = (double) truePositives / (truePositives + falsePositives);
			System.out.printf("CPR corpus: %d cases, recall %.3f, precision %.3f (tp %d, fn %d, fp %d)%n", cases.size(),
					recall, precision, truePositives, falseNegatives, falsePositives);

			assertThat(cases).hasSizeGreaterThanOrEqualTo(500);
			assertThat(recall).as("recall; misses: %s", misses).isEqualTo(1.0);
			assertThat(precision).as("precision; misses: %s", misses).isGreaterThanOrEqualTo(0.99);
		}
	}

	/** One line of cpr-corpus.tsv: {@code cpr}, {@code cpr:N} or {@code none}, a tab, the text. */
	record CorpusCase(String label, String text) {

		static final int AT_LEAST_ONE = -1;

		int expected() {
			if (label.equals("none")) {
				return 0;
			}
			if (label.equals("cpr")) {
				return AT_LEAST_ONE;
			}
			if (label.startsWith("cpr:")) {
				return Integer.parseInt(label.substring(4));
			}
			throw new IllegalArgumentException("unknown corpus label " + label);
		}
	}

	static List<CorpusCase> corpus() throws IOException {
		try (InputStream in = CprDetectorTests.class.getResourceAsStream("/cpr-corpus.tsv")) {
			assertThat(in).as("cpr-corpus.tsv on the test classpath").isNotNull();
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			assertThat(reader.readLine()).isEqualTo("label\ttext");
			List<CorpusCase> cases = new ArrayList<>();
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				int tab = line.indexOf('\t');
				assertThat(tab).as("tab in corpus line %s", line).isPositive();
				cases.add(new CorpusCase(line.substring(0, tab), line.substring(tab + 1)));
			}
			return cases;
		}
	}
}
