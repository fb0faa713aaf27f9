package dk.consenthub.inbox;

import dk.consenthub.egress.CprDetector;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The rules every identifier and address must meet before the hub keeps it, shared by the webhook readers and the
 * admin API. Input is taken as it is or refused: it is never repaired into something else and sent on.
 */
public final class InputChecks {

    /**
     * An e-mail address: a local part of at most 64 characters, a domain with a dot and two or more characters after
     * it, and no white space, control, format (zero-width, soft hyphen, BOM), private-use, unassigned
     * or replacement character anywhere.
     */
    public static final String EMAIL = "[^@\\s\\p{Cc}\\p{Cf}\\p{Co}\\p{Cn}\\p{Cs}\\x{FFFD}]{1,64}"
            + "@[^@\\s\\p{Cc}\\p{Cf}\\p{Co}\\p{Cn}\\p{Cs}\\x{FFFD}]+\\.[^@\\s\\p{Cc}\\p{Cf}\\p{Co}\\p{Cn}\\p{Cs}\\x{FFFD}]{2,}";

    /** A Gecko customer id: letters, digits, {@code _} and {@code -}, at most 32. */
    public static final String CUSTOMER_ID = "[0-9A-Za-z_-]{1,32}";

    private static final java.util.regex.Pattern EMAIL_PATTERN = java.util.regex.Pattern.compile(EMAIL);
    private static final java.util.regex.Pattern CUSTOMER_ID_PATTERN = java.util.regex.Pattern.compile(CUSTOMER_ID);
    private static final CprDetector CPR = new CprDetector();

    private InputChecks() {
    }

    /**
     * The value without leading and trailing spaces (U+0020 only). {@link String#trim()} would also drop control
     * characters at the ends, silently turning a malformed value into a valid one.
     */
    public static String trimSpaces(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && value.charAt(start) == ' ') {
            start++;
        }
        while (end > start && value.charAt(end - 1) == ' ') {
            end--;
        }
        return value.substring(start, end);
    }

    public static boolean isEmail(String value) {
        return value != null && value.length() <= 254 && EMAIL_PATTERN.matcher(value).matches();
    }

    /** A well-formed customer id that does not carry a CPR number (one is never stored, not even as an id). */
    public static boolean isCustomerId(String value) {
        return value != null && CUSTOMER_ID_PATTERN.matcher(value).matches() && !CPR.containsCpr(value);
    }

    /** Whether the value carries a CPR number in any written form the detector knows. */
    public static boolean carriesCpr(String value) {
        return value != null && CPR.containsCpr(value);
    }

    /** Whether {@code bytes} are well-formed UTF-8 (no stray, truncated or overlong sequence, no surrogate). */
    public static boolean isUtf8(byte[] bytes) {
        return decodeUtf8(bytes).isPresent();
    }

    /** The text of well-formed UTF-8, or empty: malformed bytes are reported, never replaced. */
    public static Optional<String> decodeUtf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /**
     * Decodes one {@code application/x-www-form-urlencoded} name or value strictly: {@code +} is a space,
     * {@code %XX} a byte, and the bytes must be well-formed UTF-8. Empty when the escapes or the bytes are malformed.
     */
    public static Optional<String> decodeFormComponent(String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    return Optional.empty();
                }
                int high = Character.digit(encoded.charAt(i + 1), 16);
                int low = Character.digit(encoded.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return Optional.empty();
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                return Optional.empty(); // a form body is ASCII; anything else was not encoded
            }
        }
        return decodeUtf8(bytes.toByteArray());
    }
}
