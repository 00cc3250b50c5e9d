/**
 * Object types as data: field declarations ({@link dev.kompira.core.object.types.FieldType},
 * {@link dev.kompira.core.object.types.FieldDefinition}), the fields of a type
 * ({@link dev.kompira.core.object.types.TypeDefinition}), the built-in types
 * ({@link dev.kompira.core.object.types.BuiltinTypes}) and the standard tree. API, except the types
 * marked {@link dev.kompira.dsl.Internal}.
 *
 * <p>Definitions are immutable and thread-safe; a
 * {@link dev.kompira.core.object.types.ConversionContext} is used by one thread at a time.
 */
package dev.kompira.core.object.types;
