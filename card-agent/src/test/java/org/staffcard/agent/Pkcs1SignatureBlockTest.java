package org.staffcard.agent;

import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;

import static org.assertj.core.api.Assertions.assertThat;

class Pkcs1SignatureBlockTest {

    private static final byte[] PAYLOAD = "STAFFCARD-LOGIN-V1 block".getBytes(StandardCharsets.US_ASCII);

    @Test
    void theBlockIsWhatAnRs256SignatureOpensTo() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(keys.getPrivate());
        signer.update(PAYLOAD);
        byte[] signature = signer.sign();

        Cipher raw = Cipher.getInstance("RSA/ECB/NoPadding");
        raw.init(Cipher.ENCRYPT_MODE, keys.getPublic());

        assertThat(Pkcs1SignatureBlock.sha256Block(PAYLOAD, 256)).isEqualTo(raw.doFinal(signature));
    }

    @Test
    void theBlockStartsWith0001AndFillsTheModulus() {
        byte[] block = Pkcs1SignatureBlock.sha256Block(PAYLOAD, 384);

        assertThat(block).hasSize(384);
        assertThat(block[0]).isZero();
        assertThat(block[1]).isEqualTo((byte) 0x01);
        assertThat(block[2]).isEqualTo((byte) 0xFF);
        assertThat(block[384 - 51 - 1]).isZero();
    }
}
