/**
 * JMH benchmarks and the programs that print their figures next to the targets. Built by every
 * build, run on demand; this module is not published.
 */
package dev.kompira.bench;
