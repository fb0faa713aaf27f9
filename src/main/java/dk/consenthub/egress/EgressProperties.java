package dk.consenthub.egress;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The egress guard and the HTTP behaviour of every outbound request.
 *
 * @param maxRedeliveries in-flight retries of a retryable failure before the event goes back to the inbox
 * @param redeliveryDelay first retry pause in milliseconds (doubles, with jitter)
 * @param maxRedeliveryDelay longest retry pause in milliseconds, also the cap on an honoured {@code Retry-After}
 * @param allowedHosts per destination, the hosts it may reach ({@code *.api.mailchimp.com} style wildcards)
 * @param deniedFields field names removed at any depth, matched case-insensitively as parts of names
 * @param masking per destination, how a CPR number in a free-text field is masked
 * @param healthTerms words that mark a free-text value as health information (matched at word starts, any
 *     case); such a value is dropped from the request
 */
@Validated
@ConfigurationProperties("hub.egress")
public record EgressProperties(
        @Min(0) @Max(20) @DefaultValue("4") int maxRedeliveries,
        @NotNull @DefaultValue("500") Duration redeliveryDelay,
        @NotNull @DefaultValue("30000") Duration maxRedeliveryDelay,
        @NotNull @DefaultValue Map<String, List<String>> allowedHosts,
        @NotEmpty @DefaultValue({"cpr", "personnummer", "personnr", "ssn", "health", "helbred", "diagnos", "treatment",
                "behandling", "journal", "note", "notat", "medication", "medicin", "allerg", "photo", "foto", "image",
                "billede", "picture"}) List<String> deniedFields,
        @NotNull @DefaultValue Map<String, Masking> masking,
        @NotNull @DefaultValue({"diagnos", "allergi", "allergy", "medicin", "medication", "botox", "filler",
                "behandling", "treatment", "journal", "recept", "prescription", "sygdom", "disease", "gravid",
                "pregnan", "rosacea", "acne", "akne", "psoriasis", "eksem", "eczema", "diabetes", "herpes", "migræne",
                "migraine", "isotretinoin", "roaccutan", "lidokain", "lidocain", "penicillin", "marevan", "kirurgi",
                "surgery", "implantat", "implant", "hudkræft", "cancer", "kræft", "depression", "epilepsi",
                "epilepsy", "blodfortynd", "p-pille", "operation"}) List<String> healthTerms) {

    public enum Masking {
        /** Replace the number with {@code [CPR]}. */
        REDACT,
        /** Replace it with a keyed hash, for receivers that need a stable token. */
        HASH,
        /** Do not mask: block the request. */
        BLOCK
    }

    public Masking maskingFor(String destination) {
        return masking.getOrDefault(destination, Masking.REDACT);
    }
}
