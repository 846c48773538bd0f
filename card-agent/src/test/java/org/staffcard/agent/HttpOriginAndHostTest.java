package org.staffcard.agent;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class HttpOriginAndHostTest {

    private static final String CHALLENGE = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    private AgentRig rig;

    @BeforeEach
    void startAgent() throws Exception {
        rig = AgentRig.withDemoCard(AgentRig.pin("1234"));
    }

    @AfterEach
    void stopAgent() {
        rig.close();
    }

    @Test
    void statusForAnAllowedOriginEchoesExactlyThatOrigin() throws Exception {
        HttpResponse<String> response = rig.status(AgentRig.ORIGIN);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(AgentRig.ORIGIN);
        assertThat(response.headers().allValues("Vary")).contains("Origin");
        assertThat(response.body()).contains("\"state\":\"READY\"").contains("\"profile\":\"JPKI\"");
    }

    @Test
    void refusesAForeignOriginBeforeTouchingTheCard() throws Exception {
        HttpResponse<String> response = rig.sign("https://evil.example", "{\"challenge\":\"" + CHALLENGE + "\"}");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"error\":\"ORIGIN_NOT_ALLOWED\"");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(rig.counting.lookups()).isZero();
    }

    @Test
    void refusesARebindingHostBeforeTouchingTheCard() throws Exception {
        String answer = rig.raw("GET /v1/status HTTP/1.1\r\nHost: rebound.attacker.example:" + rig.agent.port()
                + "\r\nOrigin: " + AgentRig.ORIGIN + "\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 403").contains("\"error\":\"HOST_NOT_ALLOWED\"");
        assertThat(rig.counting.lookups()).isZero();
    }

    @Test
    void acceptsLocalhostAsHost() throws Exception {
        String answer = rig.raw("GET /v1/status HTTP/1.1\r\nHost: localhost:" + rig.agent.port()
                + "\r\nOrigin: " + AgentRig.ORIGIN + "\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 200");
    }

    @Test
    void refusesOriginNull() throws Exception {
        HttpResponse<String> response = rig.status("null");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"error\":\"ORIGIN_NOT_ALLOWED\"");
        assertThat(rig.counting.lookups()).isZero();
    }

    @Test
    void refusesAMissingOrigin() throws Exception {
        String answer = rig.raw("GET /v1/status HTTP/1.1\r\nHost: 127.0.0.1:" + rig.agent.port()
                + "\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 403").contains("ORIGIN_NOT_ALLOWED");
    }

    @Test
    void refusesAnOriginThatOnlyStartsLikeAnAllowedOne() throws Exception {
        HttpResponse<String> response = rig.status("https://login.example.evil.com");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(rig.counting.lookups()).isZero();
    }

    @Test
    void preflightAsksForPrivateNetworkAndGetsItForTheExactOrigin() throws Exception {
        String answer = rig.raw("OPTIONS /v1/sign HTTP/1.1\r\nHost: 127.0.0.1:" + rig.agent.port()
                + "\r\nOrigin: " + AgentRig.ORIGIN
                + "\r\nAccess-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: content-type"
                + "\r\nAccess-Control-Request-Private-Network: true\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 204");
        assertThat(answer).containsIgnoringCase("Access-Control-Allow-Private-Network: true");
        assertThat(answer).containsIgnoringCase("Access-Control-Allow-Origin: " + AgentRig.ORIGIN + "\r\n");
        assertThat(answer).containsIgnoringCase("Access-Control-Allow-Methods: GET, POST");
        assertThat(answer).doesNotContain("Access-Control-Allow-Origin: *");
    }

    @Test
    void refusesABodyOverTheLimit() throws Exception {
        HttpResponse<String> response = rig.sign(AgentRig.ORIGIN,
                "{\"challenge\":\"" + CHALLENGE + "\",\"pad\":\"" + "x".repeat(1024) + "\"}");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("\"error\":\"REQUEST_TOO_LARGE\"");
    }

    @Test
    void refusesAMalformedChallenge() throws Exception {
        HttpResponse<String> response = rig.sign(AgentRig.ORIGIN, "{\"challenge\":\"too-short\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"error\":\"BAD_REQUEST\"");
        assertThat(rig.counting.lookups()).isZero();
    }

    @Test
    void answersUnknownPathsWith404() throws Exception {
        String answer = rig.raw("GET /v1/apdu HTTP/1.1\r\nHost: 127.0.0.1:" + rig.agent.port()
                + "\r\nOrigin: " + AgentRig.ORIGIN + "\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 404");
    }
}
