/**
 * The transport SPI: a {@link dev.kompira.core.transport.Transport} runs the commands of jobflows on
 * a {@link dev.kompira.core.transport.Target} and copies files; the engine resolves the control
 * variables into a {@link dev.kompira.core.transport.CommandRequest}, and
 * {@link dev.kompira.core.transport.CommandLine} composes the command. The local transport is here;
 * {@code kompira-ssh} adds SSH. SPI, except the types marked {@link dev.kompira.dsl.Internal}.
 *
 * <p>Transports are thread-safe and never block the calling thread: they complete a stage on a
 * thread of their own. Requests and results are immutable.
 */
package dev.kompira.core.transport;
