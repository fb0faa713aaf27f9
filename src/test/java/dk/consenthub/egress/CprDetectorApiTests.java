package dk.consenthub.egress;

import static dk.consenthub.egress.CprCorpus.corpus;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.List;

import dk.consenthub.egress.CprCorpus.CorpusCase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link CprDetector} beyond {@code find}: what a match shows, whole-value checks, replacing, thread safety. */
class CprDetectorApiTests {

	private final CprDetector detector = new CprDetector();

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
