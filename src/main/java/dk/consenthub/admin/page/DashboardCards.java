package dk.consenthub.admin.page;

import java.util.List;

/** A part of the hub that has something to count on the dashboard. */
interface DashboardCards {

    List<Card> cards();

    record Card(String key, String label, long count, String link) {
    }
}
