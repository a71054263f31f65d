package com.exoquic.configurer.internal.fleet;

import com.exoquic.configurer.api.ConfigurerException;
import com.exoquic.configurer.api.ErrorCode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Targets printed by a command ({@code sh -c COMMAND}), in any form a target file takes: a script that asks an
 * inventory, a cloud API or a secrets store. Its stderr passes through; a command that fails or does not end in
 * time stops the run before anything changed.
 */
public final class TargetCommand {
    static final Duration LIMIT = Duration.ofMinutes(5);

    private TargetCommand() {
    }

    public static TargetList.Parsed run(String command) {
        Process process;
        try {
            process = new ProcessBuilder(List.of("/bin/sh", "-c", command))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
        } catch (IOException e) {
            throw failed("could not be started (" + e.getMessage() + ")", e);
        }
        try {
            process.getOutputStream().close();
            CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw failed("did not finish within " + LIMIT.toMinutes() + " minutes; it was stopped", null);
            }
            if (process.exitValue() != 0) {
                throw failed("exited with status " + process.exitValue() + " (its stderr is above)", null);
            }
            return TargetList.parse("the output of --targets-command", new String(output.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw failed("could not be read (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw failed("was interrupted", e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ConfigurerException failed(String what, Throwable cause) {
        return new ConfigurerException(ErrorCode.CONFIGURATION, "The --targets-command " + what
                + "; nothing was changed.", cause);
    }
}
