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
    }

    public ErrorCode code() {
        return code;
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
