package dk.consenthub.reconcile;

import dk.consenthub.consent.ConsentReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The working state of one reconcile run, carried through the flow as the exchange property {@value #PROPERTY}:
 * where each scan is, what changed, what is to be written, and the counts that become the run record. One run is
 * worked on by one thread at a time.
 */
public final class ReconcileRun {

    public static final String PROPERTY = "hubReconcileRun";

    /**
     * Drift kinds, as reported in the run record and tagged on {@code hub.reconcile.drift}: Gecko customers
     * unchanged, new or changed since the last run; customers the hub knows that Gecko no longer lists; withdrawals
     * made in Mailchimp the hub had missed; members whose Mailchimp status contradicts the hub's decision; addresses
     * the hub says may receive the newsletter that are not on the list.
     */
    public static final List<String> DRIFT_KINDS = List.of("unchanged", "newInGecko", "changedInGecko", "erasing",
            "missingInGecko", "unsubscribedUpstream", "statusDiffers", "missingInMailchimp");

    /** Kinds only a full run can tell (it alone sees every customer and every member); absent from incremental runs. */
    public static final List<String> FULL_RUN_KINDS = List.of("missingInGecko", "missingInMailchimp");

    public enum Mode {
        INCREMENTAL, FULL;

        public static Mode of(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        }

        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String id;
    private final Mode mode;
    private final String trigger;
    private final Instant startedAt;
    private final int geckoPageSize;
    private final int mailchimpPageSize;
    private final Instant membersSince;

    private int geckoPage;
    private boolean geckoMorePages = true;
    private int geckoPagesRead;
    private int customersSeen;
    private int unreadableCustomers;
    private long geckoTotalRows = -1;
    private final ChangedCustomers changedCustomers = new ChangedCustomers();

    private int memberOffset;
    private boolean moreMembers = true;
    private int mailchimpPagesRead;
    private final List<NewsletterMember> members = new ArrayList<>();
    private Instant newestMemberChange;
    private final List<ConsentReport> withdrawals = new ArrayList<>();

    private final List<NewsletterWrite> writes = new ArrayList<>();
    private int writesMade;
    private int batchWrites;
    private int writeErrors;

    private final Map<String, Long> drift = new LinkedHashMap<>();

    private long lockRenewedAt = System.nanoTime();

    private final PhaseTimer phases = new PhaseTimer();

    ReconcileRun(String id, Mode mode, String trigger, Instant startedAt, int geckoPageSize, int mailchimpPageSize,
                 Instant membersSince) {
        this.id = id;
        this.mode = mode;
        this.trigger = trigger;
        this.startedAt = startedAt;
        this.geckoPageSize = geckoPageSize;
        this.mailchimpPageSize = mailchimpPageSize;
        this.membersSince = membersSince;
        DRIFT_KINDS.stream().filter(kind -> mode == Mode.FULL || !FULL_RUN_KINDS.contains(kind))
                .forEach(kind -> drift.put(kind, 0L));
    }

    public String getId() {
        return id;
    }

    public Mode getMode() {
        return mode;
    }

    public boolean isFull() {
        return mode == Mode.FULL;
    }

    public String getTrigger() {
        return trigger;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    // Gecko: page through the customer list

    public int getGeckoPage() {
        return geckoPage;
    }

    public int getGeckoPageSize() {
        return geckoPageSize;
    }

    public boolean isGeckoMorePages() {
        return geckoMorePages;
    }

    /** Counts a page read; the list ends with an empty or short page, or when {@code totalRows} are behind us. */
    void geckoPageRead(CustomerPage page) {
        geckoPagesRead++;
        int rows = page.customers().size() + page.unreadable().size() + page.erasing().size();
        customersSeen += rows;
        unreadableCustomers += page.unreadable().size();
        geckoTotalRows = page.totalRows();
        long readSoFar = (long) (geckoPage + 1) * geckoPageSize;
        geckoMorePages = rows > 0 && (page.totalRows() >= 0 ? readSoFar < page.totalRows() : rows >= geckoPageSize);
        geckoPage++;
    }

    void changed(ScannedCustomer customer) {
        changedCustomers.put(customer);
    }

    ChangedCustomers changedCustomers() {
        return changedCustomers;
    }

    public int getGeckoPagesRead() {
        return geckoPagesRead;
    }

    public int getCustomersSeen() {
        return customersSeen;
    }

    public int getUnreadableCustomers() {
        return unreadableCustomers;
    }

    /**
     * Whether the scan saw as many customers as Gecko says it has. A customer removed while the scan ran shifts
     * the pages under it, and the scan then misses someone who is still there.
     */
    boolean geckoScanComplete() {
        return customersSeen > 0 && (geckoTotalRows < 0 || customersSeen >= geckoTotalRows);
    }

    // Mailchimp: members changed since the watermark (all members on a full run)

    /** {@code since_last_changed} of this run's member read; {@code null} reads every member. */
    public Instant getMembersSince() {
        return membersSince;
    }

    public int getMemberOffset() {
        return memberOffset;
    }

    public int getMailchimpPageSize() {
        return mailchimpPageSize;
    }

    public boolean isMoreMembers() {
        return moreMembers;
    }

    void memberPageRead(MemberPage page) {
        mailchimpPagesRead++;
        members.addAll(page.members());
        for (NewsletterMember member : page.members()) {
            if (member.lastChanged() != null
                    && (newestMemberChange == null || member.lastChanged().isAfter(newestMemberChange))) {
                newestMemberChange = member.lastChanged();
            }
        }
        memberOffset += page.members().size();
        moreMembers = !page.members().isEmpty() && memberOffset < page.totalItems();
    }

    List<NewsletterMember> members() {
        return members;
    }

    Instant newestMemberChange() {
        return newestMemberChange;
    }

    public int getMailchimpPagesRead() {
        return mailchimpPagesRead;
    }

    public int getMembersRead() {
        return members.size();
    }

    /** Withdrawals made in Mailchimp that the hub has not recorded yet, as reports for the consent flow. */
    public List<ConsentReport> getWithdrawals() {
        return withdrawals;
    }

    // Writes

    /** What Mailchimp must be told, collected before anything is sent. */
    public List<NewsletterWrite> getWrites() {
        return writes;
    }

    public void written(int members) {
        writesMade += members;
    }

    public void batchWritten(int members) {
        batchWrites++;
        writesMade += members;
    }

    public void writeFailed() {
        writeErrors++;
    }

    public int getWritesMade() {
        return writesMade;
    }

    public int getBatchWrites() {
        return batchWrites;
    }

    public int getWriteErrors() {
        return writeErrors;
    }

    public int getPagesRead() {
        return geckoPagesRead + mailchimpPagesRead;
    }

    // The lock: renewed now and then while the run works

    boolean lockDueForRenewal(java.time.Duration every) {
        return System.nanoTime() - lockRenewedAt >= every.toNanos();
    }

    void lockRenewed() {
        lockRenewedAt = System.nanoTime();
    }

    // Timing, for the log: how long each phase took

    PhaseTimer phases() {
        return phases;
    }

    // Drift

    void drift(String kind, long count) {
        if (!drift.containsKey(kind)) {
            throw new IllegalArgumentException("unknown drift kind " + kind);
        }
        drift.put(kind, count);
    }

    void addDrift(String kind, long count) {
        drift(kind, drift.get(kind) + count);
    }

    public Map<String, Long> getDrift() {
        return drift;
    }
}
