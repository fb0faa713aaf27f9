package dk.consenthub.erasure;

/** One claimed task, with what its target needs to act on it. Never logged whole: it carries identifiers. */
public record ErasureWork(String taskId, String caseId, String target, String scope, int attempts,
                          ErasureSubject subject) {

    @Override
    public String toString() {
        return "ErasureWork[" + taskId + " " + target + " " + scope + "]";
    }
}
