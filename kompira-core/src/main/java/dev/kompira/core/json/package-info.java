/**
 * The JSON layout of Python's {@code json.dumps}, shared by {@code json_dump} and the export format.
 * Internal.
 */
@Internal
package dev.kompira.core.json;

import dev.kompira.dsl.Internal;
