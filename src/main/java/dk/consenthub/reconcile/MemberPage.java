package dk.consenthub.reconcile;

import java.util.List;

/**
 * One page of Mailchimp's member list.
 *
 * @param totalItems the number of members matching the query ({@code total_items})
 */
public record MemberPage(List<NewsletterMember> members, long totalItems) {

    public MemberPage {
        members = List.copyOf(members);
    }
}
