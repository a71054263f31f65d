package com.exoquic.configurer.internal.fleet;

/**
 * How many failed targets a run accepts before it starts no new one: a count ({@code 10}) or a share of the run's
 * targets ({@code 5%}). Targets already running finish. Unlimited by default; {@code --fail-fast} is a budget of 0.
 */
public record FailureBudget(int count, boolean percent) {

    public static FailureBudget unlimited() {
        return new FailureBudget(Integer.MAX_VALUE, false);
    }

    public static FailureBudget none() {
        return new FailureBudget(0, false);
    }

    /** {@code N} or {@code N%}. */
    public static FailureBudget parse(String text) {
        String value = text.strip();
        boolean percent = value.endsWith("%");
        String number = percent ? value.substring(0, value.length() - 1).strip() : value;
        if (!number.matches("\\d{1,9}") || (percent && Integer.parseInt(number) > 100)) {
            throw new IllegalArgumentException("'" + text + "' is not a failure budget: give a count (e.g. 10) or a"
                    + " percentage of the targets (e.g. 5%)");
        }
        return new FailureBudget(Integer.parseInt(number), percent);
    }

    /** The failures allowed among {@code targets}. */
    public int allowed(int targets) {
        return percent ? (int) ((long) count * targets / 100) : count;
    }

    @Override
    public String toString() {
        return count == Integer.MAX_VALUE ? "unlimited" : count + (percent ? "%" : "");
    }
}
