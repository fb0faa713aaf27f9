package dk.consenthub.system;

import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.RequestMatcherExtension;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * WireMock request matcher {@code mailchimp-subscriber-hash}: whether the member id in a Mailchimp member path
 * ({@code .../members/{subscriber_hash}}) is Mailchimp's id of the {@code email_address} in the JSON body, the MD5
 * of the trimmed, lower-cased address (or that address itself, which Mailchimp also accepts in the path). A stub
 * names it in {@code request.customMatcher} with the parameter {@code hashOfBodyEmail}: {@code false} matches the
 * requests whose id and address disagree. A request without a body address is never matched: there is nothing to
 * compare.
 *
 * <p>Self-contained (WireMock and the JDK only) because {@code mappings/mailchimp/} also runs in a standalone
 * WireMock: this class must be on that WireMock's classpath ({@code --extensions dk.consenthub.system.MailchimpSubscriberHash}).
 */
public class MailchimpSubscriberHash extends RequestMatcherExtension {

    public static final String NAME = "mailchimp-subscriber-hash";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public MatchResult match(Request request, Parameters parameters) {
        String id = memberId(request.getUrl());
        String email = bodyEmail(request.getBodyAsString());
        if (id == null || email == null) {
            return MatchResult.noMatch();
        }
        boolean wanted = parameters.getBoolean("hashOfBodyEmail", true);
        return MatchResult.of(identifies(id, email) == wanted);
    }

    static boolean identifies(String id, String email) {
        String address = email.trim().toLowerCase(Locale.ROOT);
        return id.toLowerCase(Locale.ROOT).equals(md5(address)) || id.trim().toLowerCase(Locale.ROOT).equals(address);
    }

    /** The path segment after {@code members}, decoded; {@code null} when the path names no member. */
    static String memberId(String url) {
        String path = url.split("[?#]", 2)[0];
        String[] segments = path.split("/");
        for (int i = 0; i < segments.length - 1; i++) {
            if (segments[i].equals("members") && !segments[i + 1].isEmpty()) {
                return URLDecoder.decode(segments[i + 1], StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String bodyEmail(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            Object address = Json.read(body, Map.class).get("email_address");
            return address instanceof String text ? text : null;
        } catch (RuntimeException notAnObject) {
            return null;
        }
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
