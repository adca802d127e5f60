package org.charter.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HexFormat;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

/** Argon2id hashes in PHC form. */
class PasswordHasherTest {
    private final PasswordHasher small = new PasswordHasher(new PasswordHasher.Params(1024, 2, 1), new SecureRandom());

    @Test
    void rfc9106_argon2idTestVector_throughBouncyCastle() {
        // RFC 9106 section 5.3: Argon2id, m=32 KiB, t=3, p=4, password 32 x 0x01, salt 16 x 0x02, secret 8 x 0x03, ad 12 x 0x04
        var gen = new Argon2BytesGenerator();
        gen.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(32).withIterations(3).withParallelism(4).withSalt(fill(16, 2)).withSecret(fill(8, 3))
                .withAdditional(fill(12, 4)).build());
        byte[] out = new byte[32];
        gen.generateBytes(fill(32, 1), out);
        assertThat(HexFormat.of().formatHex(out)).isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    }

    private static byte[] fill(int n, int v) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) v);
        return b;
    }

    @Test
    void aHash_verifiesItsPassword_only() {
        String h = small.hash("s3cret password".toCharArray());
        assertThat(h).startsWith("$argon2id$v=19$m=1024,t=2,p=1$");
        assertThat(small.verify("s3cret password".toCharArray(), h)).isTrue();
        assertThat(small.verify("s3cret passwore".toCharArray(), h)).isFalse();
        assertThat(small.hash("s3cret password".toCharArray())).as("a fresh salt each time").isNotEqualTo(h);
    }

    @Test
    void theDefaultParameters_are64MiB3IterationsOneLane() {
        assertThat(PasswordHasher.Params.DEFAULT).isEqualTo(new PasswordHasher.Params(65536, 3, 1));
        String h = new PasswordHasher().hash("pw".toCharArray());
        assertThat(h).startsWith("$argon2id$v=19$m=65536,t=3,p=1$");
        assertThat(small.verify("pw".toCharArray(), h)).as("a hash carries its own parameters").isTrue();
    }

    @Test
    void malformedHashes_neverMatch() {
        for (String bad : new String[] {null, "", "plain", "$argon2i$v=19$m=1024,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
                "$argon2id$v=19$m=x,t=2,p=1$c2FsdHNhbHQ$aGFzaA", "$argon2id$v=19$m=1024,t=2,p=1$!!$!!"}) {
            assertThat(small.verify("pw".toCharArray(), bad)).as(String.valueOf(bad)).isFalse();
        }
    }
}
