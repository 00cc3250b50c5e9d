package dev.kompira.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a package or a declaration as <em>not part of the API</em>: it may change or vanish in any
 * release, without notice and without a deprecation period. Do not use it from outside the library.
 * It is public only because another package or module of Kompira for Java needs it.
 *
 * <p>On a package ({@code package-info.java}) the mark covers every type of the package. Everything
 * public that is not marked is API (what an embedder calls) or SPI (what an embedder implements:
 * stores, transports, libraries).
 *
 * <p>The mark is kept in the class files ({@link RetentionPolicy#CLASS}), where tools that check the
 * use of internal types can find it, but it is not visible through reflection.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.PACKAGE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD})
public @interface Internal {
}
