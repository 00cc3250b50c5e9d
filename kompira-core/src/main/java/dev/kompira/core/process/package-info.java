/**
 * Processes: {@link dev.kompira.core.process.JobflowProcess} (a running or finished jobflow), its
 * {@link dev.kompira.core.process.ProcessOutcome} and {@link dev.kompira.core.process.ProcessState},
 * queries over the engine's processes, start options, and the hooks an embedder implements — the
 * {@link dev.kompira.core.process.ConsoleListener}, the {@link dev.kompira.core.process.StepHandler}
 * of step mode and the {@link dev.kompira.core.process.CheckpointStore} of checkpoint mode. API.
 *
 * <p>Processes are thread-safe. Listeners and handlers are called on carrier threads and must not
 * block.
 */
package dev.kompira.core.process;
