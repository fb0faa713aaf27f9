package dk.consenthub.access;

/** One claimed task, with whom it is about. Never logged whole: it carries identifiers. */
public record AccessWork(String taskId, String caseId, String target, int attempts, AccessSubject subject) {

    public String geckoCustomerId() {
        return subject.geckoCustomerId();
    }

    @Override
    public String toString() {
        return "AccessWork[" + taskId + " " + target + "]";
    }
}
