package dev.kompira.dsl.ast;

/** How an event job applies its guard (language.md §8.5). */
public enum GuardMode {
    /** No guard: any message is received. */
    NONE(""),
    /** {@code ?}: the message at the head of the queue must match; otherwise keep waiting. */
    HEAD("?"),
    /** {@code ??}: discard messages up to the first that matches and receive it. */
    SCAN("??");

    private final String symbol;

    GuardMode(String symbol) {
        this.symbol = symbol;
    }

    /** Returns how the guard mode is written ({@code ""} for none). */
    public String symbol() {
        return symbol;
    }
}
