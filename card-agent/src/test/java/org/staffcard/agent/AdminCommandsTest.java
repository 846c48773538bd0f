package org.staffcard.agent;

import org.junit.jupiter.api.Test;
import org.staffcard.virtualcard.DemoCard;
import org.staffcard.virtualcard.InProcessCardTerminals;
import org.staffcard.virtualcard.TestCardSpec;
import org.staffcard.virtualcard.TestCards;

import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AdminCommandsTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    private static AgentConfig config() throws InvalidConfigException {
        return AgentConfig.of(Map.of(AgentConfig.ALLOWED_ORIGINS, AgentRig.ORIGIN, AgentConfig.PORTS, "0"));
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void readersListsEveryReaderWithCardPresence() throws Exception {
        InProcessCardTerminals terminals = InProcessCardTerminals.withCard("Desk reader", DemoCard.newCard());
        terminals.addTerminal("Spare reader");

        int exit = ReaderListing.print(config(), () -> terminals, out);

        assertThat(exit).isZero();
        assertThat(printed()).contains("Desk reader  ->  card present").contains("Spare reader  ->  no card");
    }

    @Test
    void readersWithoutAnyReaderExitsWithOne() throws Exception {
        int exit = ReaderListing.print(config(), InProcessCardTerminals::new, out);

        assertThat(exit).isEqualTo(1);
        assertThat(printed()).contains("none connected");
    }

    @Test
    void diagnoseOfAReadyDemoCardShowsItsIdentityAndFindsNoProblem() throws Exception {
        InProcessCardTerminals terminals = InProcessCardTerminals.withCard("Desk reader", DemoCard.newCard());

        int exit = AgentDiagnosis.print(config(), () -> terminals, Clock.systemUTC(), out);

        assertThat(exit).as(printed()).isZero();
        assertThat(printed()).contains("[OK  ] Card user ID     S0012345")
                .contains("issuer  " + DemoCard.certificate().getIssuerX500Principal())
                .contains("Allowed origins  " + AgentRig.ORIGIN)
                .contains("No problem found.");
    }

    @Test
    void diagnoseWithoutACardSaysToPutItOn() throws Exception {
        InProcessCardTerminals terminals = new InProcessCardTerminals("Desk reader");

        int exit = AgentDiagnosis.print(config(), () -> terminals, Clock.systemUTC(), out);

        assertThat(exit).isEqualTo(1);
        assertThat(printed()).contains("[FAIL] Card").contains("NO_CARD").contains("next: put the staff card");
    }

    @Test
    void diagnoseWarnsOfACertificateEndingWithinThirtyDays() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var card = TestCards.issue(TestCardSpec.of("S0099999")
                .withValidity(now.minus(Duration.ofDays(300)), now.plus(Duration.ofDays(10)))).newCard();
        InProcessCardTerminals terminals = InProcessCardTerminals.withCard("Desk reader", card);

        int exit = AgentDiagnosis.print(config(), () -> terminals, Clock.systemUTC(), out);

        assertThat(exit).as("a warning is no failure").isZero();
        assertThat(printed()).contains("[WARN] Expiry").contains("next: ask the card issuer to renew");
    }

    @Test
    void diagnoseFailsAnExpiredCertificate() throws Exception {
        var certificate = DemoCard.certificate();
        Clock afterExpiry = Clock.fixed(certificate.getNotAfter().toInstant().plusSeconds(1), ZoneOffset.UTC);

        AgentDiagnosis.Finding finding = new AgentDiagnosis(config(), InProcessCardTerminals::new, afterExpiry)
                .expiry(certificate);

        assertThat(finding.outcome()).isEqualTo(AgentDiagnosis.Outcome.FAIL);
        assertThat(finding.detail()).startsWith("expired on");
    }

    @Test
    void diagnoseWarnsOfALookAlikeAllowedOrigin() throws Exception {
        AgentConfig lookAlike = AgentConfig.of(Map.of(AgentConfig.ALLOWED_ORIGINS, "https://xn--80ak6aa92e.com",
                AgentConfig.PORTS, "0"));

        AgentDiagnosis.print(lookAlike, () -> InProcessCardTerminals.withCard("R", DemoCard.newCard()),
                Clock.systemUTC(), out);

        assertThat(printed()).contains("[WARN] Origin").contains("xn--");
    }

    @Test
    void diagnoseSaysHowToStartAStoppedReaderService() throws Exception {
        CardTerminals down = new CardTerminals() {
            @Override
            public List<CardTerminal> list(State state) throws CardException {
                throw new CardException("SCARD_E_NO_SERVICE");
            }

            @Override
            public boolean waitForChange(long timeout) {
                return false;
            }
        };

        int exit = AgentDiagnosis.print(config(), () -> down, Clock.systemUTC(), out);

        assertThat(exit).isEqualTo(1);
        assertThat(printed()).contains("[FAIL] PC/SC service").contains("READER_SERVICE_UNAVAILABLE")
                .contains("next: start the PC/SC service");
    }
}
