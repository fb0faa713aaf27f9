package dk.consenthub.admin.page;

/** Marks a controller of the admin web page: its views get the signed-in admin ({@link SignedInAdmin}). */
interface AdminPage {
}
