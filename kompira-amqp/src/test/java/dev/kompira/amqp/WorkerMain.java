package dev.kompira.amqp;

import java.net.URI;

/**
 * A job manager in a JVM of its own, for the fault tests: {@code WorkerMain URI REALM CONCURRENCY}.
 * Prints {@code ready NAME} once it takes requests, then runs until it is killed.
 */
public final class WorkerMain {

    private WorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        JobManager manager = JobManager.start(URI.create(args[0]), args[1], Integer.parseInt(args[2]));
        System.out.println("ready " + manager.name());
        System.out.flush();
        manager.awaitClosed();
    }
}
