/**
 * The HTTP side of {@code urlopen} (builtins.md §2, §5.1, §5.2, D115): the engine's shared
 * {@link java.net.http.HttpClient}s, the request made from the job's options, the exchange that
 * follows redirects without holding a thread, and the result Dictionary. Internal: flows reach it
 * through the {@code urlopen} job.
 */
@Internal
package dev.kompira.core.http;

import dev.kompira.dsl.Internal;
