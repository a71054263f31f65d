package com.exoquic.configurer.internal.cli;

import com.exoquic.configurer.api.ErrorCode;
import com.exoquic.configurer.api.Finding;
import com.exoquic.configurer.internal.text.Count;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Run every preflight check and Flyway's validation of the exoquic history, changing nothing:"
                + " exit 0 when migrate would succeed, 2 with the list of problems otherwise. Meant for CI pipelines.")
final class ValidateCommand extends Verb implements Callable<Integer> {

    @Override
    public Integer call() {
        List<Finding> findings = configure().load().validate();
        List<String> problems = findings.stream().map(Finding::message).toList();
        PrintWriter out = out();
        if (shared.json) {
            out.println(Json.write(Map.of("valid", problems.isEmpty(), "problems", problems, "findings", findings)));
        } else if (problems.isEmpty()) {
            out.println("Valid: migrate would succeed.");
        } else {
            out.println("Invalid: " + Count.of(problems.size(), "problem") + "; migrate would stop before changing"
                    + " anything:");
            problems.forEach(problem -> out.println("  - " + problem));
        }
        out.flush();
        return problems.isEmpty() ? 0 : ErrorCode.CONFIGURATION.exitCode();
    }
}
