package dk.consenthub.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The written forms {@link CprDetector} finds: separators, four-digit years, other scripts, invisible characters. */
class CprDetectorFormsTests {

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
		@MethodSource("dk.consenthub.egress.CprDetectorFormsTests#separators")
		void findsSixAndFourDigitsAroundEachSeparator(String separator) {
			String text = "CPR 010290" + separator + "1234.";

			assertThat(detector.find(text)).singleElement().satisfies(match -> {
				assertThat(match.digits()).isEqualTo("0102901234");
				assertThat(text.substring(match.start(), match.end())).isEqualTo("010290" + separator + "1234");
			});
		}

		@ParameterizedTest
		@MethodSource("dk.consenthub.egress.CprDetectorFormsTests#separators")
		void findsEachSeparatorBetweenEveryPart(String separator) {
			String text = "født 01" + separator + "02" + separator + "90" + separator + "1234";

			assertThat(detector.find(text)).singleElement().satisfies(match -> {
				assertThat(match.digits()).isEqualTo("0102901234");
				assertThat(match.start()).isEqualTo(5);
				assertThat(match.end()).isEqualTo(text.length());
			});
		}

		@ParameterizedTest
		@MethodSource("dk.consenthub.egress.CprDetectorFormsTests#separatorCharacters")
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
}
