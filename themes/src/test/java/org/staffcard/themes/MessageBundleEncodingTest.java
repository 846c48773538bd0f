package org.staffcard.themes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * Keycloak 26 reads message bundles as UTF-8; a bundle saved in another encoding shows Japanese as mojibake on the
 * login page, so the build refuses it.
 */
class MessageBundleEncodingTest {

    @Test
    void everyMessageBundleIsStrictUtf8() throws IOException {
        List<Path> bundles = LoginThemeSources.messageBundles().collect(Collectors.toList());

        assertThat(bundles).extracting(path -> path.getFileName().toString())
                .contains("messages_en.properties", "messages_ja.properties");
        for (Path bundle : bundles) {
            byte[] bytes = Files.readAllBytes(bundle);
            assertThatCode(() -> StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)))
                    .as("%s must be UTF-8", bundle)
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void strictDecoderRefusesShiftJisJapanese() {
        byte[] shiftJis = "カードリーダー".getBytes(java.nio.charset.Charset.forName("Shift_JIS"));

        assertThatCode(() -> StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(shiftJis)))
                .isInstanceOf(CharacterCodingException.class);
    }

    @Test
    void japaneseBundleTellsToConnectACardReaderInJapanese() {
        assertThat(LoginThemeSources.bundle("ja").getProperty("staffCardNoReader"))
                .contains("カードリーダー")
                .contains("接続");
    }

    @Test
    void japaneseBundleTitlesThePageInJapanese() {
        assertThat(LoginThemeSources.bundle("ja").getProperty("staffCardLoginTitle")).isEqualTo("職員証でサインイン");
    }

    @Test
    void noBundleEscapesJapaneseAsUnicodeEscapes() throws IOException {
        for (Path bundle : LoginThemeSources.messageBundles().collect(Collectors.toList())) {
            assertThat(LoginThemeSources.read(bundle)).as("%s is plain UTF-8 text", bundle).doesNotContain("\\u");
        }
    }
}
