package dev.kompira.amqp;

/** What a job manager takes from its realm's queue: a command ({@link RequestMessage}) or a copy ({@link TransferMessage}). */
interface WorkMessage {

    /** The idempotency key. */
    String id();

    /** Epoch milliseconds after which no job manager may start it, or null. */
    Long notAfter();
}
