package com.exoquic.configurer.internal.cloud;

import com.exoquic.configurer.internal.config.Secret;
import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Masks the request's secrets in text that came from outside (response bodies, I/O error messages),
 * because a server that echoes the request would otherwise put them into our exception messages.
 */
final class SecretScrubber {
    private final Set<String> forms = new LinkedHashSet<>();

    SecretScrubber(Secret... secrets) {
        for (Secret secret : secrets) {
            if (secret != null) {
                String plain = secret.reveal();
                forms.add(plain);
                // The echo may be inside JSON, where quotes and backslashes come escaped.
                forms.add(new String(JsonStringEncoder.getInstance().quoteAsString(plain)));
            }
        }
        forms.remove("");
    }

    String scrub(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String form : forms) {
            result = result.replace(form, Secret.MASK);
        }
        return result;
    }

    /** Scrubbed, whitespace collapsed and cut to {@code max} characters, for a one-line message. */
    String shorten(String text, int max) {
        String clean = scrub(text == null ? "" : text).replaceAll("\\s+", " ").strip();
        return clean.length() <= max ? clean : clean.substring(0, max) + "...";
    }
}
