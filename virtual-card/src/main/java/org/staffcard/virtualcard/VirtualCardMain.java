package org.staffcard.virtualcard;

/**
 * Puts the demo card, or a fresh PIV test card, into pcscd's virtual reader and keeps it there until the program
 * ends; stopping the program takes the card out. pcscd must run with the vpcd driver; the card waits for it if it
 * does not yet.
 */
public final class VirtualCardMain {

    private static final int USAGE_ERROR = 2;

    private VirtualCardMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        VirtualCardOptions options;
        try {
            options = VirtualCardOptions.parse(args);
        } catch (UsageException e) {
            System.err.println(e.getMessage());
            System.err.println(VirtualCardOptions.USAGE);
            System.exit(USAGE_ERROR);
            return;
        }

        VirtualCard card = options.pivTestCard()
                .<VirtualCard>map(keyType -> TestCards.issuePiv(keyType).newCard(options.quirks()))
                .orElseGet(() -> DemoCard.newCard(options.quirks()));
        VpcdConnection connection;
        try {
            connection = new VpcdConnection(options.vpcdHost(), options.vpcdPort(), card, System.out::println);
        } catch (NonLoopbackAddressException e) {
            System.err.println(e.getMessage());
            System.exit(USAGE_ERROR);
            return;
        }
        // The demo and test PINs are public, printed so a demo user can sign in; no other card's PIN is ever shown.
        if (card instanceof VirtualJpkiCard jpki) {
            System.out.println("Demo card " + jpki.cardUserId() + ", demo PIN: " + jpki.profile().pin()
                    + " (demo card only)");
        } else if (card instanceof VirtualPivCard piv) {
            System.out.println("PIV test card " + piv.cardUserId() + " (" + piv.profile().keyType()
                    + "), test PIN: " + piv.profile().pin() + " (test card only, fresh CA each run)");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(connection::close, "vpcd-card-removal"));
        connection.start();
        connection.awaitTermination();
    }
}
