package org.staffcard.virtualcard;

/**
 * Puts the demo card into pcscd's virtual reader and keeps it there until the program ends; stopping the program
 * takes the card out. pcscd must run with the vpcd driver; the card waits for it if it does not yet.
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

        VirtualJpkiCard card = DemoCard.newCard(options.quirks());
        VpcdConnection connection;
        try {
            connection = new VpcdConnection(options.vpcdHost(), options.vpcdPort(), card, System.out::println);
        } catch (NonLoopbackAddressException e) {
            System.err.println(e.getMessage());
            System.exit(USAGE_ERROR);
            return;
        }
        // The demo PIN is public, printed so a demo user can sign in; no other card's PIN is ever shown.
        System.out.println("Demo card " + card.profile().cardUserId() + ", demo PIN: "
                + card.profile().pin() + " (demo card only)");
        Runtime.getRuntime().addShutdownHook(new Thread(connection::close, "vpcd-card-removal"));
        connection.start();
        connection.awaitTermination();
    }
}
