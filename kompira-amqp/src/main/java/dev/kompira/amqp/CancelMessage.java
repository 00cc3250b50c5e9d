package dev.kompira.amqp;

/**
 * The engine's word to a job manager that it no longer waits for a command (its process was
 * terminated, or the engine gave up or closed): the job manager kills the command if it runs, and
 * does not start it if it has not. Sent to the job manager's liveness queue, in JSON.
 *
 * @param id the request's id
 */
record CancelMessage(String id) {
}
