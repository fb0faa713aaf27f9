package dk.consenthub.erasure;

/**
 * The person an erasure case is about, as the targets need to find them elsewhere. Held by the case while a task
 * needs it, then wiped.
 *
 * @param geckoCustomerId {@code null} when the person is not known to be a Gecko customer
 * @param email {@code null} when the hub knows no address
 */
public record ErasureSubject(String subjectId, String geckoCustomerId, String email) {

    @Override
    public String toString() {
        return "ErasureSubject[" + subjectId + "]";
    }
}
