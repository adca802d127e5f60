package org.charter.server.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashing in the PHC string format ({@code $argon2id$v=19$m=65536,t=3,p=1$SALT$HASH}); a stored
 * hash carries its own parameters, so hashes made with older parameters still verify.
 */
public final class PasswordHasher {
    /*
     * [1] A. Biryukov, D. Dinu, D. Khovratovich, S. Josefsson. "Argon2 Memory-Hard Function for Password Hashing and
     *     Proof-of-Work Applications." RFC 9106, 2021. (Section 4: the second recommended option, 64 MiB, t=3, p=4; we
     *     use p=1 as the server hashes on one thread per login.)
     */

    /** The parameters: memory in KiB, iterations, lanes. */
    public record Params(int memoryKib, int iterations, int parallelism) {
        /** 64 MiB, 3 iterations, 1 lane: about 0.2 s per hash on one core here. */
        public static final Params DEFAULT = new Params(65536, 3, 1);

        public Params {
            if (memoryKib < 8 * parallelism || iterations < 1 || parallelism < 1) {
                throw new IllegalArgumentException("invalid Argon2 parameters m=" + memoryKib + ", t=" + iterations + ", p=" + parallelism);
            }
        }
    }

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final Params params;
    private final SecureRandom random;

    public PasswordHasher(Params params, SecureRandom random) {
        this.params = params;
        this.random = random;
    }

    public PasswordHasher() {
        this(Params.DEFAULT, new SecureRandom());
    }

    /** The PHC string of a fresh salt and the password's hash. */
    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] out = derive(password, salt, params, HASH_BYTES);
        return "$argon2id$v=19$m=" + params.memoryKib() + ",t=" + params.iterations() + ",p=" + params.parallelism()
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(out);
    }

    /** Whether the password matches the PHC string; compares in constant time. A malformed string never matches. */
    public boolean verify(char[] password, String phc) {
        String[] parts = phc == null ? new String[0] : phc.split("\\$");
        // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
        if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) return false;
        Params p;
        byte[] salt;
        byte[] expected;
        try {
            String[] kv = parts[3].split(",");
            if (kv.length != 3 || !kv[0].startsWith("m=") || !kv[1].startsWith("t=") || !kv[2].startsWith("p=")) return false;
            p = new Params(Integer.parseInt(kv[0].substring(2)), Integer.parseInt(kv[1].substring(2)), Integer.parseInt(kv[2].substring(2)));
            salt = B64D.decode(parts[4]);
            expected = B64D.decode(parts[5]);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (expected.length < 16 || salt.length < 8) return false;
        byte[] actual = derive(password, salt, p, expected.length);
        return MessageDigest.isEqual(actual, expected);
    }

    private static byte[] derive(char[] password, byte[] salt, Params p, int length) {
        var gen = new Argon2BytesGenerator();
        gen.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt).withMemoryAsKB(p.memoryKib()).withIterations(p.iterations()).withParallelism(p.parallelism()).build());
        byte[] out = new byte[length];
        byte[] pw = new String(password).getBytes(StandardCharsets.UTF_8);
        try {
            gen.generateBytes(pw, out);
        } finally {
            java.util.Arrays.fill(pw, (byte) 0);
        }
        return out;
    }
}
