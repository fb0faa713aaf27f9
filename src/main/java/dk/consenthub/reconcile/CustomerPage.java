package dk.consenthub.reconcile;

import java.util.List;

/**
 * One page of Gecko's customer list.
 *
 * @param unreadable customers on the page the hub could not read (a malformed address or flag): skipped, known
 *     only by their id (empty when even that was unreadable), so a full scan still counts them as present
 * @param totalRows the list's size as Gecko reports it ({@code paging.totalRows}), or -1 when it does not
 * @param erasing customers being erased (or tagged for it): present in Gecko, but left to their erasure case
 */
public record CustomerPage(List<ScannedCustomer> customers, List<String> unreadable, long totalRows,
                           List<String> erasing) {

    public CustomerPage {
        customers = List.copyOf(customers);
        unreadable = List.copyOf(unreadable);
        erasing = List.copyOf(erasing);
    }

    public CustomerPage(List<ScannedCustomer> customers, List<String> unreadable, long totalRows) {
        this(customers, unreadable, totalRows, List.of());
    }
}
