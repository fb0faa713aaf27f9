package dk.consenthub.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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

	static Stream<String> separators() {
		return Stream.of("-", " ", "\u00A0", "\u202F", "\u2009", "\u2007", "\u2010", "\u2011", "\u2012", "\u2013",
				"\u2014", "\u2212");
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
		void findsDottedDateFollowedByEachSeparator(String separator) {
			String text = "født 01.02.90" + separator + "1234";

			assertThat(detector.find(text)).singleElement().satisfies(match -> {
				assertThat(match.digits()).isEqualTo("0102901234");
				assertThat(match.start()).isEqualTo(5);
				assertThat(match.end()).isEqualTo(text.length());
			});
		}

		@ParameterizedTest
		@ValueSource(strings = { "010190/1234", "010190_1234", "010190.1234", "010190--1234", "010190 - 1234",
				"01-01-90-1234", "01.01.901234" })
		void doesNotJoinGroupsAcrossUnlistedOrDoubledSeparators(String text) {
			// documented limits of the forms rule, not look-alikes: widening them is a deliberate change
			assertThat(detector.find(text)).isEmpty();
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
				"2030 4050", "20-30-40-50", "(+45) 20 30 40 50", "tel:+4520304050" })
		void ignoresDanishPhoneNumbers(String text) {
			assertThat(detector.find(text)).isEmpty();
		}

		@ParameterizedTest
		@ValueSource(strings = { "2024-01-15", "2024-01-15T10:00:00Z", "20240115", "20240115T103000Z",
				"2024-01-15T10:00:00.123456789+01:00", "20240115T100545-0500", "1705312800000" })
		void ignoresDatesTimestampsAndEpochMillis(String text) {
			assertThat(detector.find(text)).isEmpty();
		}

		@ParameterizedTest
		@ValueSource(strings = { "1.234.567,89 kr", "kr. 12.500,00", "1234567890.50", "DK50 0040 0440 1162 43",
				"DK5000400440116243", "550e8400-e29b-41d4-a716-446655440000" })
		void ignoresAmountsAccountsAndIds(String text) {
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
