package dev.kompira.core.process;

/**
 * How a process is started (language.md §12.6–§12.8).
 *
 * @param stepMode        pause before every command (§12.6)
 * @param checkpointMode  save the state after every job with effects (J140) so that it survives an engine crash (§12.7)
 */
public record StartOptions(boolean stepMode, boolean checkpointMode) {

    /** The defaults: no step mode, no checkpoints. */
    public static final StartOptions DEFAULT = new StartOptions(false, false);

    /** Returns these options with step mode set to {@code on}. */
    public StartOptions withStepMode(boolean on) {
        return new StartOptions(on, checkpointMode);
    }

    /** Returns these options with checkpoint mode set to {@code on}. */
    public StartOptions withCheckpointMode(boolean on) {
        return new StartOptions(stepMode, on);
    }
}
