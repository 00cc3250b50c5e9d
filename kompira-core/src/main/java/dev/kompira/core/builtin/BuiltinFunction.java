package dev.kompira.core.builtin;

import dev.kompira.core.value.Signature;
import dev.kompira.core.value.Value;

/**
 * A built-in function of builtins.md §4: callable in expressions and as a job. A failure is a
 * {@link dev.kompira.core.error.JobflowError} whose message starts with {@code name: } — usually
 * made with {@link Signature.Bound#fail(String)}; the VM turns it into {@code R-CALL-FAILED} in an
 * expression or a failed job ({@code $STATUS = 1}) when the call is the job (D62, D81).
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface BuiltinFunction {

    /** Returns the parameters, as builtins.md writes them. */
    Signature signature();

    /** Computes the result from bound arguments. */
    Value call(Signature.Bound arguments, CallContext context);

    /** Returns a function from a signature text and a body. */
    static BuiltinFunction of(String signature, Body body) {
        Signature parsed = Signature.parse(signature);
        return new BuiltinFunction() {
            @Override
            public Signature signature() {
                return parsed;
            }

            @Override
            public Value call(Signature.Bound arguments, CallContext context) {
                return body.call(arguments, context);
            }
        };
    }

    /** The body of a function made with {@link #of}. */
    @FunctionalInterface
    interface Body {
        /** Computes the result. */
        Value call(Signature.Bound arguments, CallContext context);
    }
}
