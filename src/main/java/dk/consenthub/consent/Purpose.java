package dk.consenthub.consent;

/** What a consent is for, as the privacy policy names it. */
public enum Purpose {
    NEWSLETTER, SMS, ANALYTICS
}
