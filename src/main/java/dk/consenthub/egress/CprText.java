package dk.consenthub.egress;

import java.text.Normalizer;
import java.util.Arrays;

/**
 * Text as {@link CprScanner} reads it: each code point NFKC-normalized, invisible characters dropped, every decimal
 * digit written as an ASCII digit, every space as {@code ' '} and every dash as {@code '-'}. Each normalized
 * character remembers the original code point it came from, so a match found here masks the original characters.
 *
 * <p>
 * Most text never needs this copy. A character that NFKC leaves alone and that is no digit, space, dash or invisible
 * character is <em>inert</em>: the scanner can read text made of ASCII, inert characters and the spaces and dashes
 * it knows ({@link #isSpace}, {@link #isDash}) as it is. Danish letters, the en dash and the no-break space of pasted
 * notes are all read in place; only text with another kind of character ({@link #needsNormalization}) is copied.
 *
 * <p>
 * Invisible means: format characters (Cf: zero-width space and joiners, word joiner, soft hyphen, BOM, Mongolian
 * vowel separator, bidi controls, tags), the other default-ignorable code points (Hangul fillers, reserved
 * U+2065-U+206F and U+FFF0-U+FFF8), and combining marks (Mn, Me: accents, variation selectors, the keycap), which
 * are read as part of the character before them.
 */
final class CprText {

	private static final byte UNKNOWN = 0;

	private static final byte INERT = 1;

	private static final byte SPACE = 2;

	private static final byte DASH = 3;

	private static final byte NORMALIZE = 4;

	/**
	 * Class of each BMP character from U+0080 on, computed on first sight: NFKC of all of them at once would cost
	 * about 0.1 s. Racing threads compute the same value, and a byte is written whole, so no lock is needed.
	 */
	private static final byte[] CLASSES = new byte[Character.MAX_VALUE + 1];

	private final String text;

	private final int[] from;

	private final int[] to;

	private CprText(String text, int[] from, int[] to) {
		this.text = text;
		this.from = from;
		this.to = to;
	}

	/** The normalized copy of {@code s}. */
	static CprText of(CharSequence s) {
		Builder out = new Builder(s.length());
		int n = s.length();
		for (int i = 0; i < n;) {
			char c = s.charAt(i);
			int cp = Character.codePointAt(s, i);
			int next = i + Character.charCount(cp);
			if (c < 0x80) {
				out.append(c, i, next);
			}
			else {
				switch (classOf(c)) {
					case SPACE -> out.append(' ', i, next);
					case DASH -> out.append('-', i, next);
					case NORMALIZE -> appendNormalized(out, cp, i, next);
					default -> out.append(c, i, next);
				}
			}
			i = next;
		}
		return out.build();
	}

	/** The normalized text; only ASCII, inert characters, {@code ' '} and {@code '-'}. */
	String text() {
		return text;
	}

	/** Index in the original text of the character that normalized character {@code start} came from. */
	int originalStart(int start) {
		return from[start];
	}

	/** Index in the original text after the character that normalized character {@code end - 1} came from. */
	int originalEnd(int end) {
		return to[end - 1];
	}

	static boolean isSpace(char c) {
		return c == ' ' || (c >= 0x80 && classOf(c) == SPACE);
	}

	static boolean isDash(char c) {
		return c == '-' || (c >= 0x80 && classOf(c) == DASH);
	}

	/** Whether the scanner must read a normalized copy of a text that contains {@code c}. */
	static boolean needsNormalization(char c) {
		return c >= 0x80 && classOf(c) == NORMALIZE;
	}

	/** Whether [from, end of s) can be read without normalizing. */
	static boolean isClean(CharSequence s, int from) {
		for (int i = from, n = s.length(); i < n; i++) {
			if (needsNormalization(s.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	/** Whether [from, to) of s holds nothing a reader sees but white space. */
	static boolean isBlank(CharSequence s, int from, int to) {
		for (int i = from; i < to;) {
			int cp = Character.codePointAt(s, i);
			if (!Character.isWhitespace(cp) && Character.getType(cp) != Character.SPACE_SEPARATOR && !isInvisible(cp)) {
				return false;
			}
			i += Character.charCount(cp);
		}
		return true;
	}

	private static byte classOf(char c) {
		byte known = CLASSES[c];
		if (known == UNKNOWN) {
			known = classify(c);
			CLASSES[c] = known;
		}
		return known;
	}

	private static byte classify(char c) {
		if (Character.isSurrogate(c) || isInvisible(c)) {
			return NORMALIZE;
		}
		int type = Character.getType(c);
		if (type == Character.SPACE_SEPARATOR) {
			return SPACE;
		}
		if (type == Character.DASH_PUNCTUATION || c == '\u2212') {
			return DASH;
		}
		if (type == Character.DECIMAL_DIGIT_NUMBER || isSlash(c)) {
			return NORMALIZE;
		}
		String normalized = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFKC);
		for (int k = 0; k < normalized.length(); k++) {
			char d = normalized.charAt(k);
			if (d != c && (d < 0x80 || isNormalizedToScannerText(d))) {
				return NORMALIZE;
			}
		}
		return INERT;
	}

	/** A character of an NFKC result that the copy rewrites or drops. */
	private static boolean isNormalizedToScannerText(int cp) {
		int type = Character.getType(cp);
		return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.SPACE_SEPARATOR
				|| type == Character.DASH_PUNCTUATION || cp == '\u2212' || isSlash(cp) || isInvisible(cp);
	}

	private static void appendNormalized(Builder out, int cp, int start, int end) {
		if (isInvisible(cp)) {
			return;
		}
		String normalized = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC);
		for (int k = 0; k < normalized.length();) {
			int d = normalized.codePointAt(k);
			k += Character.charCount(d);
			int type = Character.getType(d);
			if (type == Character.DECIMAL_DIGIT_NUMBER) {
				out.append((char) ('0' + Character.digit(d, 10)), start, end);
			}
			else if (type == Character.SPACE_SEPARATOR) {
				out.append(' ', start, end);
			}
			else if (type == Character.DASH_PUNCTUATION || d == '\u2212') {
				out.append('-', start, end);
			}
			else if (isSlash(d)) {
				out.append('/', start, end);
			}
			else if (!isInvisible(d)) {
				for (char part : Character.toChars(d)) {
					out.append(part, start, end);
				}
			}
		}
	}

	/** Fraction slash and division slash, which NFKC keeps. */
	private static boolean isSlash(int cp) {
		return cp == '\u2044' || cp == '\u2215';
	}

	private static boolean isInvisible(int cp) {
		return switch (Character.getType(cp)) {
			case Character.FORMAT, Character.NON_SPACING_MARK, Character.ENCLOSING_MARK -> true;
			default -> cp == '\u115F' || cp == '\u1160' || cp == '\u3164' || cp == '\uFFA0'
					|| (cp >= 0x2060 && cp <= 0x206F) || (cp >= 0xFFF0 && cp <= 0xFFF8)
					|| (cp >= 0xE0000 && cp <= 0xE0FFF);
		};
	}

	/** The normalized characters and, for each, the span of the original code point it came from. */
	private static final class Builder {

		private final StringBuilder text;

		private int[] from;

		private int[] to;

		Builder(int capacity) {
			this.text = new StringBuilder(capacity);
			this.from = new int[capacity + 1];
			this.to = new int[capacity + 1];
		}

		void append(char c, int start, int end) {
			int k = text.length();
			if (k == from.length) {
				from = Arrays.copyOf(from, k * 2);
				to = Arrays.copyOf(to, k * 2);
			}
			text.append(c);
			from[k] = start;
			to[k] = end;
		}

		CprText build() {
			return new CprText(text.toString(), from, to);
		}
	}
}
