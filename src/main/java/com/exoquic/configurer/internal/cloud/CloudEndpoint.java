package com.exoquic.configurer.internal.cloud;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The validated Exoquic cloud base URL. The registration body carries the API key and the replication
 * password, so plain HTTP is refused unless it cannot leave the machine or the user insists.
 */
public final class CloudEndpoint {
    static final String REGISTRATION_PATH = "api/v1/postgres/connection";
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");

    private final URI baseUrl;
    private final URI registrationUri;

    private CloudEndpoint(URI baseUrl, URI registrationUri) {
        this.baseUrl = baseUrl;
        this.registrationUri = registrationUri;
    }

    /** @throws ConfigurerException (CONFIGURATION) when the URL is unusable or insecure */
    public static CloudEndpoint of(String baseUrl, boolean allowInsecure) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw invalid(String.valueOf(baseUrl), "it is empty");
        }
        try {
            return of(new URI(baseUrl.trim()), allowInsecure);
        } catch (URISyntaxException e) {
            throw invalid(baseUrl, "it cannot be parsed (" + e.getReason() + ")");
        }
    }

    /** @throws ConfigurerException (CONFIGURATION) when the URL is unusable or insecure */
    public static CloudEndpoint of(URI baseUrl, boolean allowInsecure) {
        if (baseUrl == null) {
            throw invalid("null", "it is empty");
        }
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw invalid(baseUrl.toString(), "it is not an http(s) URL");
        }
        if (baseUrl.getHost() == null || baseUrl.getHost().isEmpty()) {
            throw invalid(baseUrl.toString(), "it names no host");
        }
        if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
            throw invalid(baseUrl.toString(), "a base URL cannot carry a query or fragment");
        }
        if (scheme.equals("http") && !allowInsecure && !isLoopback(baseUrl.getHost())) {
            throw new ConfigurerException(ErrorCode.CONFIGURATION, "The Exoquic cloud URL '" + baseUrl
                    + "' uses plain http:// to a host other than this machine, which would send the API key and"
                    + " the replication password unencrypted; use https:// or pass --allow-insecure-cloud-url");
        }
        return new CloudEndpoint(baseUrl, join(baseUrl));
    }

    /** The base URL as given. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** Where the registration PUT goes. */
    public URI registrationUri() {
        return registrationUri;
    }

    @Override
    public String toString() {
        return registrationUri.toString();
    }

    // A literal check only: resolving a name here would let DNS decide whether secrets travel in clear.
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
                || IPV4_LOOPBACK.matcher(h).matches();
    }

    private static URI join(URI base) {
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String authority = base.getRawAuthority();
        return URI.create(base.getScheme() + "://" + authority + path + "/" + REGISTRATION_PATH);
    }

    private static ConfigurerException invalid(String url, String reason) {
        return new ConfigurerException(ErrorCode.CONFIGURATION, "The Exoquic cloud URL '" + url
                + "' is not usable: " + reason + "; set EXOQUIC_CLOUD_URL or --cloud-url to for example https://api.exoquic.com");
    }
}
