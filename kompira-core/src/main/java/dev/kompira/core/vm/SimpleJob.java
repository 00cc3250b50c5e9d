package dev.kompira.core.vm;

import dev.kompira.dsl.source.Span;

/**
 * A compiled job given by its position and a body.
 *
 * @param span    where the job is written
 * @param command whether it runs a command
 * @param body    what it does
 */
record SimpleJob(Span span, boolean command, Body body) implements JobCode {

    /** What a job does. */
    @FunctionalInterface
    interface Body {
        /** Performs the job. */
        void exec(Machine machine, FlowFrame frame);
    }

    @Override
    public boolean isCommand() {
        return command;
    }

    @Override
    public void exec(Machine machine, FlowFrame frame) {
        body.exec(machine, frame);
    }
}
