/**
 * The engine: {@link dev.kompira.core.Kompira} compiles jobflows into
 * {@link dev.kompira.core.process.CompiledFlow}s and runs them as processes; a flow that does not compile is
 * a {@link dev.kompira.core.FlowCompileException} carrying its diagnostics. API.
 *
 * <p>The engine is thread-safe and compiled flows are immutable. The subpackages are API, SPI or
 * internal as their own documentation says: values ({@code value}), the object tree
 * ({@code object}), processes ({@code process}), import and export ({@code object.io}), the store,
 * transport and library SPIs ({@code store}, {@code transport}, {@code library}); {@code vm},
 * {@code builtin}, {@code json}, {@code value.pattern} and {@code value.temporal} are internal.
 */
package dev.kompira.core;
