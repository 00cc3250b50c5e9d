/**
 * What event jobs wait for: in-memory channels ({@link dev.kompira.core.event.ChannelValue}), which
 * Java code may also create, feed and close, and the {@link dev.kompira.core.event.Waitable}
 * interface of everything that can be waited for. API, except the types marked
 * {@link dev.kompira.dsl.Internal}, which implement event jobs and sessions.
 *
 * <p>Channels are thread-safe: senders, receivers and waiters run on different threads.
 */
package dev.kompira.core.event;
