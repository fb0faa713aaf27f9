package dk.consenthub.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The date in a CPR number: the century its 7th digit selects, impossible dates refused, and the modulus 11 check. */
class CprDetectorBirthDatesTests {

	private final CprDetector detector = new CprDetector();

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
}
