package dk.consenthub.access;

/**
 * The person an access case is about, as its tasks need to find them. Held by the case until the report is made.
 *
 * @param subjectId the hub's subject, {@code null} when the hub does not know the person
 * @param geckoCustomerId {@code null} when no Gecko customer id is known
 * @param email {@code null} when no address is known
 */
record AccessSubject(String subjectId, String geckoCustomerId, String email) {

    @Override
    public String toString() {
        return "AccessSubject[" + subjectId + "]";
    }
}
