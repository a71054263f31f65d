package com.exoquic.configurer.api;

import java.util.List;

/**
 * The result of a fleet run: one {@link ServerResult} per server, one {@link TargetResult} per target that was
 * due in this run ({@code skipped} counts those a resumed run left out as already done), in the order they
 * finished.
 */
public record FleetReport(String operation, List<ServerResult> servers, List<TargetResult> targets, int skipped,
                          double seconds) {

    public long count(FleetOutcome outcome) {
        return targets.stream().filter(target -> target.outcome() == outcome).count();
    }

    /**
     * The CLI's exit status: 1 when a target failed or was not started, else 4 when one is unhealthy
     * ({@code fleet status}), else 3 when one needs its server restarted, else 0. (2 is for bad input found before
     * anything ran: it is thrown as a {@link ConfigurerException}, not reported.)
     */
    public int exitCode() {
        if (count(FleetOutcome.FAILED) + count(FleetOutcome.NOT_STARTED) > 0) {
            return ErrorCode.FAILED.exitCode();
        }
        if (count(FleetOutcome.UNHEALTHY) > 0) {
            return ErrorCode.UNHEALTHY.exitCode();
        }
        if (count(FleetOutcome.RESTART_NEEDED) > 0) {
            return ErrorCode.RESTART_REQUIRED.exitCode();
        }
        return 0;
    }
}
