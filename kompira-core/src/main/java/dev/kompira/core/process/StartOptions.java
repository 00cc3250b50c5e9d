package dev.kompira.core.process;

import java.util.Set;

/**
 * How a process is started (language.md §12.6–§12.8). A mode left {@code null} is the started
 * Jobflow object's default ({@code defaultCheckpointMode}, {@code defaultMonitoringMode}, objects.md
 * §4.4), or off for a flow compiled from source.
 *
 * @param stepMode        pause before every command (§12.6)
 * @param checkpointMode  save the state after every job with effects (J140) so that it survives an engine
 *                        crash (§12.7); {@code null}: the jobflow's default
 * @param monitoringMode  {@code "NOTHING"}, {@code "MAIL"} or {@code "ABORT_MAIL"} (objects.md §5.1);
 *                        {@code null}: the jobflow's default
 */
public record StartOptions(boolean stepMode, Boolean checkpointMode, String monitoringMode) {

    /** The monitoring modes a process may have. */
    public static final Set<String> MONITORING_MODES = Set.of("NOTHING", "MAIL", "ABORT_MAIL");

    /** No step mode; checkpoint and monitoring modes from the jobflow. */
    public static final StartOptions DEFAULT = new StartOptions(false, null, null);

    /**
     * Checks the monitoring mode.
     *
     * @throws IllegalArgumentException when {@code monitoringMode} is not one of {@link #MONITORING_MODES}
     */
    public StartOptions {
        if (monitoringMode != null && !MONITORING_MODES.contains(monitoringMode)) {
            throw new IllegalArgumentException("monitoring mode must be NOTHING, MAIL or ABORT_MAIL, not " + monitoringMode);
        }
    }

    /** Returns these options with step mode set to {@code on}. */
    public StartOptions withStepMode(boolean on) {
        return new StartOptions(on, checkpointMode, monitoringMode);
    }

    /** Returns these options with checkpoint mode set to {@code on}, whatever the jobflow's default. */
    public StartOptions withCheckpointMode(boolean on) {
        return new StartOptions(stepMode, on, monitoringMode);
    }

    /** Returns these options with {@code mode} as monitoring mode, whatever the jobflow's default. */
    public StartOptions withMonitoringMode(String mode) {
        return new StartOptions(stepMode, checkpointMode, mode);
    }
}
