package dk.consenthub.egress;

import static dk.consenthub.egress.CprArbitraries.SEPARATORS;
import static dk.consenthub.egress.CprArbitraries.phoneNumbers;
import static org.assertj.core.api.Assertions.assertThat;

import dk.consenthub.egress.CprArbitraries.WrittenCpr;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Generated text against {@link CprDetector}: every valid CPR number in every written form is found and masked over
 * exactly its original characters, and redacted text holds no CPR number. The generators: {@link CprArbitraries}.
 */
class CprDetectorPropertiesTests {

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

	@Provide
	Arbitrary<WrittenCpr> writtenCprs() {
		return CprArbitraries.writtenCprs();
	}

	@Provide
	Arbitrary<String> noise() {
		return CprArbitraries.noise();
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
