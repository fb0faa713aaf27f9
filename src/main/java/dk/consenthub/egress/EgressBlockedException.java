package dk.consenthub.egress;

/** The guard refused to send: the request would have carried a CPR number, a denied field, or gone to an unknown host. */
public class EgressBlockedException extends TerminalEgressException {

    public static final String ERROR_TYPE = "EGRESS_BLOCKED";

    private final BlockReason reason;

    public EgressBlockedException(String destination, BlockReason reason, String where) {
        super(destination, ERROR_TYPE, "Blocked before sending to " + destination + ": " + reason.describe(where));
        this.reason = reason;
    }

    public BlockReason reason() {
        return reason;
    }

    public enum BlockReason {
        CPR_IN_IDENTIFIER("an identifier carries a CPR number"),
        CPR_RESIDUE("a CPR number is left after masking"),
        DENIED_FIELD("a denied field is present"),
        HOST_NOT_ALLOWED("the host is not on the destination's allow-list"),
        UNKNOWN_DESTINATION("the destination is not configured");

        private final String text;

        BlockReason(String text) {
            this.text = text;
        }

        String describe(String where) {
            return where == null ? text : text + " (" + where + ")";
        }
    }
}
