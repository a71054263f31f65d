package com.exoquic.configurer.internal.cli;

import com.exoquic.configurer.internal.cloud.CloudEndpoint;
import com.exoquic.configurer.internal.cloud.CloudRegistrar;
import com.exoquic.configurer.internal.cloud.RegistrationRequest;
import com.exoquic.configurer.internal.cloud.RegistrationResult;
import com.exoquic.configurer.internal.cloud.RetryPolicy;
import com.exoquic.configurer.internal.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "register", mixinStandardHelpOptions = true,
        description = "Register the configured database with the Exoquic cloud (the last step of migrate), e.g. to retry it.")
final class RegisterCommand extends Verb implements Callable<Integer> {
    @Option(names = "--dry-run", description = "Print the request with the key and password masked; send nothing.")
    boolean dryRun;
    @Option(names = "--allow-insecure-cloud-url", description = "Allow a plain http:// EXOQUIC_CLOUD_URL to a non-loopback host.")
    boolean allowInsecureCloudUrl;

    @Override
    public Integer call() {
        Settings settings = settings();
        CloudEndpoint endpoint = CloudEndpoint.of(settings.cloudUrl(), allowInsecureCloudUrl);
        RegistrationRequest request = RegistrationRequest.from(settings);
        PrintWriter out = spec.commandLine().getOut();
        if (dryRun) {
            out.println("PUT " + endpoint.registrationUri());
            out.println(request.toJson(true));
            return 0;
        }
        RegistrationResult result = CloudRegistrar.of(endpoint, RetryPolicy.defaults(), settings).register(request);
        out.println("Registered " + request.describe() + " with " + endpoint.baseUrl() + " (HTTP " + result.status()
                + ", " + result.attempts() + " attempt(s)).");
        return 0;
    }
}
