package org.staffcard.agent;

import com.fasterxml.jackson.databind.JsonNode;
import org.staffcard.protocol.CardAssertion;
import org.staffcard.protocol.CardAssertionCodec;
import org.staffcard.protocol.Challenge;

import javax.smartcardio.CardTerminals;
import java.io.Console;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * {@code login}: signs a staff member in on a device without a browser and prints the token response. It asks the
 * server for a challenge, reads the card, asks for the PIN through the configured PIN source, has the card sign for
 * the server's origin, asks for the password when the client needs it, exchanges all of it at the token endpoint,
 * checks the ID token and prints the server's JSON on standard output. Progress and errors go to standard error;
 * the PIN and the password are never printed.
 */
final class DeviceLogin {

    private final LoginOptions options;
    private final AgentConfig config;
    private final Supplier<CardTerminals> terminals;
    private final PinSource pins;
    private final Clock clock;

    DeviceLogin(LoginOptions options, AgentConfig config, Supplier<CardTerminals> terminals, PinSource pins,
                Clock clock) {
        this.options = options;
        this.config = config;
        this.terminals = terminals;
        this.pins = pins;
        this.clock = clock;
    }

    /** Prints the token response on {@code out}; every failure is a {@link LoginFailedException}. */
    void run(InputStream stdin, Console console, PrintStream out, PrintStream err) throws LoginFailedException {
        SignInServer server = new SignInServer(options.realmAddress());
        String origin = options.origin();
        if (!config.allowedOrigins().contains(origin)) {
            throw new LoginFailedException(LoginExit.USAGE, "the card agent may not sign for " + origin,
                    "an admin adds " + origin + " to allowed.origins in the agent configuration");
        }

        err.println("Asking " + origin + " for a challenge for client '" + options.clientId() + "'");
        SignInServer.DeviceChallenge challenge = server.challenge(options.clientId());
        // The card signs for the server this program talks to, never for an origin the server merely names: a
        // server that names another one is misconfigured or is relaying someone else's sign-in.
        if (!challenge.origin().equals(origin)) {
            throw new LoginFailedException(LoginExit.USAGE, "the server names its origin as " + challenge.origin()
                    + " but was reached at " + origin, "give --server the server's public address, "
                    + challenge.origin());
        }

        err.println("Reading the card; enter the PIN when asked");
        String assertion = CardAssertionCodec.write(sign(origin, challengeOf(challenge)));

        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", options.clientId());
        options.clientSecret().ifPresent(secret -> form.put("client_secret", secret));
        form.put("scope", "openid");
        form.put("card_challenge", challenge.challenge());
        form.put("card_assertion", assertion);
        if (challenge.passwordRequired()) {
            char[] password = LoginPassword.read(options.passwordStdin(), stdin, console);
            try {
                // The form body needs text; the characters are cleared, the String lives until collected.
                form.put("password", new String(password));
            } finally {
                Arrays.fill(password, '\0');
            }
        }

        err.println("Exchanging the card signature" + (challenge.passwordRequired() ? " and the password" : "")
                + " for tokens");
        SignInServer.Answer answer = server.token(form);
        form.remove("password");
        if (!answer.ok()) {
            throw TokenRefusal.of(answer);
        }

        String acr = options.expectedAcr().orElse(challenge.acr());
        JsonNode claims = IdTokenCheck.verify(answer.field("id_token"), server.signingKeys(),
                options.realmAddress().toString(), options.clientId(), acr, options.expectedUser(), clock.instant());
        out.println(answer.body().toString());
        out.flush();
        err.println("Signed in as " + claims.path("preferred_username").asText() + " (acr " + acr + ")");
    }

    private static Challenge challengeOf(SignInServer.DeviceChallenge answer) throws LoginFailedException {
        try {
            return Challenge.fromText(answer.challenge());
        } catch (IllegalArgumentException e) {
            throw new LoginFailedException(LoginExit.SERVER, "the server's challenge is not 43 base64url characters",
                    "check --server; is this the staff sign-in server?", e);
        }
    }

    private CardAssertion sign(String origin, Challenge challenge) throws LoginFailedException {
        CardSigner signer = new CardSigner(new CardReaderService(terminals, config.readerName()),
                new CardIdentityReader(config.freeArea()), pins, new ReentrantLock());
        try {
            return signer.sign(origin, challenge);
        } catch (AgentException e) {
            throw CardTrouble.of(e);
        }
    }
}
