package dk.consenthub.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The labelled texts of {@code cpr-corpus.tsv} (test resources), which the detector's tests read. */
final class CprCorpus {

	private CprCorpus() {
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
		try (InputStream in = CprCorpus.class.getResourceAsStream("/cpr-corpus.tsv")) {
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
