package org.staffcard.agent;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoginPasswordTest {

    private static char[] fromStdin(String input) throws LoginFailedException {
        return LoginPassword.read(true, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), null);
    }

    @Test
    void readsUpToTheNulBytePamExecSends() throws Exception {
        assertThat(fromStdin("Demo-Passw0rd\0")).containsExactly("Demo-Passw0rd".toCharArray());
    }

    @Test
    void readsUpToALineEndWithoutTheCarriageReturn() throws Exception {
        assertThat(fromStdin("パスワード1\r\nnext line")).containsExactly("パスワード1".toCharArray());
    }

    @Test
    void readsTheWholeInputWithoutAnEnd() throws Exception {
        assertThat(fromStdin("no end")).containsExactly("no end".toCharArray());
    }

    @Test
    void refusesEmptyInputAsAPasswordFault() {
        assertThatThrownBy(() -> fromStdin("\n")).isInstanceOfSatisfying(LoginFailedException.class,
                e -> assertThat(e.exit()).isEqualTo(LoginExit.PASSWORD));
    }

    @Test
    void refusesInputFarLongerThanAnyPassword() {
        assertThatThrownBy(() -> fromStdin("x".repeat(LoginPassword.MAX_CHARS * 4 + 1)))
                .isInstanceOfSatisfying(LoginFailedException.class, e -> {
                    assertThat(e.exit()).isEqualTo(LoginExit.USAGE);
                    assertThat(e.getMessage()).contains("too long");
                });
    }

    @Test
    void withoutATerminalOrStdinSaysToUsePasswordStdin() {
        assertThatThrownBy(() -> LoginPassword.read(false, new ByteArrayInputStream(new byte[0]), null))
                .isInstanceOfSatisfying(LoginFailedException.class,
                        e -> assertThat(e.nextStep()).contains("--password-stdin"));
    }
}
