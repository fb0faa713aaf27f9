package dk.consenthub.admin;

/** An admin asked for something the hub does not have; answered 404 naming only what kind of thing it was. */
class NotFoundException extends RuntimeException {

    private final String what;

    NotFoundException(String what) {
        super("No such " + what, null, false, false);
        this.what = what;
    }

    String what() {
        return what;
    }
}
