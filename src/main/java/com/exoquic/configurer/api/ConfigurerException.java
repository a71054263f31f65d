package com.exoquic.configurer.api;

import java.util.List;

/**
 * The one exception type of the tool. Its message is written for the user (what, which value, how to
 * fix) and never holds a secret; {@link #code()} maps to the exit status.
 */
public class ConfigurerException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;
    private final List<String> problems;
    private final List<Finding> findings;

    public ConfigurerException(ErrorCode code, String message) {
        this(code, message, List.of(), null);
    }

    public ConfigurerException(ErrorCode code, String message, Throwable cause) {
        this(code, message, List.of(), cause);
    }

    public ConfigurerException(ErrorCode code, String summary, List<String> problems, Throwable cause) {
        super(format(summary, problems), cause);
        this.code = code;
        this.problems = List.copyOf(problems);
        this.findings = List.of();
    }

    /** Preflight's findings: the message lists each, {@link #findings()} keeps their codes, objects and fixes. */
    public ConfigurerException(ErrorCode code, String summary, List<Finding> findings) {
        super(format(summary, findings.stream().map(Finding::message).toList()), null);
        this.code = code;
        this.problems = findings.stream().map(Finding::message).toList();
        this.findings = List.copyOf(findings);
    }

    public ErrorCode code() {
        return code;
    }

    /** Preflight's structured findings; empty for other failures. */
    public List<Finding> findings() {
        return findings;
    }

    /** The individual findings, when there were several (configuration and preflight). */
    public List<String> problems() {
        return problems;
    }

    private static String format(String summary, List<String> problems) {
        if (problems.isEmpty()) {
            return summary;
        }
        StringBuilder text = new StringBuilder(summary);
        for (String problem : problems) {
            text.append(System.lineSeparator()).append("  - ").append(problem);
        }
        return text.toString();
    }
}
