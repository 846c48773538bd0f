package org.staffcard.virtualcard;

import java.util.Optional;

/**
 * The command line of {@link VirtualCardMain}.
 *
 * @param pivTestCard the key type of a fresh PIV test card to insert instead of the demo card, or empty
 */
record VirtualCardOptions(String vpcdHost, int vpcdPort, boolean demo, CardQuirks quirks,
                          Optional<PivKeyType> pivTestCard) {

    static final String USAGE = """
            usage: java -jar virtual-card.jar --demo | --piv-test rsa|p256 [--vpcd-port 35963]
                                              [--vpcd-host 127.0.0.1] [--quirk-get-response] [--quirk-wrong-le]
              --demo                 insert the demo card (card user ID S0012345)
              --piv-test rsa|p256    insert a fresh PIV test card (RSA-2048 or P-256 key, PIN 123456) issued
                                     by a throw-away CA; its card user ID is its card UUID
              --vpcd-port PORT       vpcd's port: 35963 for the first virtual reader, 35964 for the second
              --vpcd-host HOST       vpcd's host; loopback addresses only
              --quirk-get-response   answer data through 61 xx and GET RESPONSE, like a T=0 card
              --quirk-wrong-le       answer 6C xx to a wrong Le, like a T=0 card""";

    static VirtualCardOptions parse(String[] args) throws UsageException {
        String host = VpcdConnection.DEFAULT_HOST;
        int port = VpcdConnection.DEFAULT_PORT;
        boolean demo = false;
        boolean getResponse = false;
        boolean wrongLe = false;
        Optional<PivKeyType> piv = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--demo" -> demo = true;
                case "--quirk-get-response" -> getResponse = true;
                case "--quirk-wrong-le" -> wrongLe = true;
                case "--piv-test" -> piv = Optional.of(pivKeyType(value(args, ++i, "--piv-test")));
                case "--vpcd-host" -> host = value(args, ++i, "--vpcd-host");
                case "--vpcd-port" -> port = port(value(args, ++i, "--vpcd-port"));
                default -> throw new UsageException("unknown option " + args[i]);
            }
        }
        if (demo == piv.isPresent()) {
            throw new UsageException("pass either --demo or --piv-test: the reader holds one card");
        }
        return new VirtualCardOptions(host, port, demo, new CardQuirks(getResponse, wrongLe), piv);
    }

    private static String value(String[] args, int index, String option) throws UsageException {
        if (index >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[index];
    }

    private static PivKeyType pivKeyType(String text) throws UsageException {
        return switch (text) {
            case "rsa" -> PivKeyType.RSA_2048;
            case "p256" -> PivKeyType.ECC_P256;
            default -> throw new UsageException("--piv-test takes rsa or p256, got " + text);
        };
    }

    private static int port(String text) throws UsageException {
        try {
            int port = Integer.parseInt(text);
            if (port < 1 || port > 0xFFFF) {
                throw new UsageException("--vpcd-port must be 1 to 65535, got " + text);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException("--vpcd-port must be a number, got " + text);
        }
    }
}
