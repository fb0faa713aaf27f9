package dk.consenthub.egress;

import static dk.consenthub.egress.CprCorpus.corpus;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import dk.consenthub.egress.CprCorpus.CorpusCase;
import org.junit.jupiter.api.Test;

/** {@link CprDetector} against the labelled texts of {@code cpr-corpus.tsv}: recall and precision. */
class CprDetectorCorpusTests {

	private final CprDetector detector = new CprDetector();

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
