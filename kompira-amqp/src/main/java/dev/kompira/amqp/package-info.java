/**
 * Job managers over AMQP (RabbitMQ): {@link dev.kompira.amqp.AmqpTransport}, the engine's side, sends
 * commands and {@code put}/{@code get} to the queue of the realm that serves their target; {@link dev.kompira.amqp.JobManager}, a
 * worker near the targets, runs them with the local and SSH transports and sends the results back.
 * The deployment, message formats and delivery semantics are in docs/jobmanagers.md.
 */
package dev.kompira.amqp;
