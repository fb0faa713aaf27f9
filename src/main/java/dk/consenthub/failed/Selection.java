package dk.consenthub.failed;

import java.util.List;

/**
 * Which failed messages an admin means: listed ids, one group, or (replay only) all that failed. Exactly one.
 */
public record Selection(List<String> ids, String group, Boolean all) {

    public static Selection ofIds(List<String> ids) {
        return new Selection(ids, null, null);
    }

    public static Selection ofGroup(String group) {
        return new Selection(null, group, null);
    }

    public static Selection everything() {
        return new Selection(null, null, true);
    }

    boolean isAll() {
        return Boolean.TRUE.equals(all);
    }

    /** A short description for the run's record: ids are not repeated there, group keys carry no personal data. */
    String describe() {
        if (isAll()) {
            return "all";
        }
        return group != null ? "group " + group : "ids (" + ids.size() + ")";
    }
}
