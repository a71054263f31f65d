package com.exoquic.configurer.testing;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A SCRAM-SHA-256 password verifier as PostgreSQL stores it ({@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>},
 * RFC 5802 and 7677), which {@code ALTER ROLE ... PASSWORD} and initdb's {@code --pwfile} take as it is.
 */
final class ScramVerifier {
    private ScramVerifier() {
    }

    static String of(String password, int iterations) {
        try {
            byte[] salt = new byte[16];
            new SecureRandom().nextBytes(salt);
            byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(salted, "HmacSHA256"));
            byte[] clientKey = hmac.doFinal("Client Key".getBytes(StandardCharsets.US_ASCII));
            byte[] serverKey = hmac.doFinal("Server Key".getBytes(StandardCharsets.US_ASCII));
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
            Base64.Encoder base64 = Base64.getEncoder();
            return "SCRAM-SHA-256$" + iterations + ":" + base64.encodeToString(salt) + "$"
                    + base64.encodeToString(storedKey) + ":" + base64.encodeToString(serverKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
