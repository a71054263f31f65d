package com.exoquic.configurer.internal.postgres;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.util.Base64;

/**
 * Checks a password against a stored {@code SCRAM-SHA-256$iterations:salt$StoredKey:ServerKey} verifier
 * (RFC 5802/7677), so an unchanged password is not set again and a no-op run sends no DDL.
 */
public final class ScramVerifier {
    private ScramVerifier() {
    }

    public static boolean matches(String verifier, char[] password) {
        if (verifier == null || !verifier.startsWith("SCRAM-SHA-256$")) {
            return false;
        }
        try {
            String[] parts = verifier.substring("SCRAM-SHA-256$".length()).split("[$:]");
            int iterations = Integer.parseInt(parts[0]);
            byte[] salt = Base64.getDecoder().decode(parts[1]);
            byte[] storedKey = Base64.getDecoder().decode(parts[2]);
            String plain = new String(password);
            // PostgreSQL applies SASLprep when it can and uses the raw bytes otherwise: accept either.
            return storedKeyMatches(Normalizer.normalize(plain, Normalizer.Form.NFKC), salt, iterations, storedKey)
                    || storedKeyMatches(plain, salt, iterations, storedKey);
        } catch (RuntimeException | GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean storedKeyMatches(String password, byte[] salt, int iterations, byte[] storedKey)
            throws GeneralSecurityException {
        SecretKeyFactory factory = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
        byte[] salted = factory.generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(salted, "HmacSHA256"));
        byte[] clientKey = mac.doFinal("Client Key".getBytes(StandardCharsets.US_ASCII));
        byte[] computed = MessageDigest.getInstance("SHA-256").digest(clientKey);
        return MessageDigest.isEqual(computed, storedKey);
    }
}
