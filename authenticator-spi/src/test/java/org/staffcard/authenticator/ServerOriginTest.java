package org.staffcard.authenticator;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/** The origin the server signs against is the one a browser puts in its Origin header (RFC 6454). */
class ServerOriginTest {

    @Test
    void keepsANonDefaultPort() {
        assertThat(ServerOrigin.of(URI.create("http://localhost:8080/"))).isEqualTo("http://localhost:8080");
    }

    @Test
    void leavesOutTheDefaultHttpsPort() {
        assertThat(ServerOrigin.of(URI.create("https://sso.example.lg.jp:443/auth/")))
                .isEqualTo("https://sso.example.lg.jp");
    }

    @Test
    void leavesOutTheDefaultHttpPortAndPath() {
        assertThat(ServerOrigin.of(URI.create("http://sso.example.lg.jp:80/realms/staff")))
                .isEqualTo("http://sso.example.lg.jp");
    }

    @Test
    void lowersTheCaseOfSchemeAndHost() {
        assertThat(ServerOrigin.of(URI.create("HTTPS://SSO.Example.LG.JP/"))).isEqualTo("https://sso.example.lg.jp");
    }
}
