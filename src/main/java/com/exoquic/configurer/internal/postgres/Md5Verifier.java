package com.exoquic.configurer.internal.postgres;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Checks a password against a stored {@code md5} verifier: {@code "md5"} and the hex MD5 of the password followed by
 * the role's name. PostgreSQL 12 and 13 store passwords so by default where password_encryption is md5; the same
 * password set that way must not count as another one.
 */
public final class Md5Verifier {
    private static final String PREFIX = "md5";

    private Md5Verifier() {
    }

    public static boolean matches(String verifier, char[] password, String role) {
        if (verifier == null || !verifier.startsWith(PREFIX) || verifier.length() != PREFIX.length() + 32) {
            return false;
        }
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = Arrays.copyOf(encoded.array(), encoded.limit());
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(bytes);
            md5.update(role.getBytes(StandardCharsets.UTF_8));
            byte[] computed = HexFormat.of().formatHex(md5.digest()).getBytes(StandardCharsets.US_ASCII);
            return MessageDigest.isEqual(computed, verifier.substring(PREFIX.length()).getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            return false;
        } finally {
            Arrays.fill(bytes, (byte) 0);
            Arrays.fill(encoded.array(), (byte) 0);
        }
    }
}
