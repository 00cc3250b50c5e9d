/**
 * The engine internals: the compiler from syntax tree to code, the resumable virtual machine that
 * runs processes as frame stacks on carrier threads, the process registry, snapshots and the jobs
 * built into the language. Internal: use {@link dev.kompira.core.Kompira} and
 * {@link dev.kompira.core.process.JobflowProcess}.
 */
@Internal
package dev.kompira.core.vm;

import dev.kompira.dsl.Internal;
