package org.staffcard.agent;

import org.junit.jupiter.api.Test;
import org.staffcard.virtualcard.DemoCard;
import org.staffcard.virtualcard.InProcessCardTerminals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AdminStatusReportTest {

    @Test
    void printsTheCardUserIdTheKeyHashAndTheCertificateAnAdminBindsToTheAccount() throws Exception {
        InProcessCardTerminals terminals = new InProcessCardTerminals("Reader").withCard("Reader", DemoCard.newCard());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int exit = AdminStatusReport.print(AgentConfig.of(Map.of()), () -> terminals,
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        String report = printed.toString(StandardCharsets.UTF_8);
        assertThat(exit).isZero();
        assertThat(report).contains("Card user ID:   " + DemoCard.cardUserId())
                .contains("Key SHA-256:    " + DemoCard.certificateSpkiSha256());
        String pem = report.substring(report.indexOf("-----BEGIN CERTIFICATE-----"));
        assertThat(CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo(DemoCard.certificate());
    }
}
