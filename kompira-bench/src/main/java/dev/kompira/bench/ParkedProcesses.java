package dev.kompira.bench;

import dev.kompira.core.Kompira;
import dev.kompira.core.event.ChannelValue;
import dev.kompira.core.process.CompiledFlow;
import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessState;
import dev.kompira.core.value.IntegerValue;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parks {@value #PROCESSES} processes at once, each waiting on its own channel, measures the heap
 * they use, then sends one message to each and measures the time until all have ended.
 */
final class ParkedProcesses {

    static final int PROCESSES = 100_000;

    private ParkedProcesses() {
    }

    /** The two figures. */
    record Figures(double bytesPerProcess, double secondsToWakeAll) {
    }

    static Figures measure() throws Exception {
        try (Kompira engine = Kompira.builder().build()) {
            CompiledFlow flow = engine.compile("wait.kjf", "| ch |\n<ch> -> [got = $RESULT]");
            long before = usedHeap();
            List<ChannelValue> channels = new ArrayList<>(PROCESSES);
            List<JobflowProcess> processes = new ArrayList<>(PROCESSES);
            for (int i = 0; i < PROCESSES; i++) {
                ChannelValue ch = engine.newChannel();
                channels.add(ch);
                processes.add(engine.start(flow, Map.of("ch", ch)));
            }
            for (JobflowProcess p : processes) {
                while (p.state() != ProcessState.WAITING) {
                    Thread.onSpinWait();
                }
            }
            double perProcess = (usedHeap() - before) / (double) PROCESSES;
            long start = System.nanoTime();
            for (ChannelValue ch : channels) {
                ch.send(IntegerValue.ONE);
            }
            for (JobflowProcess p : processes) {
                p.await();
            }
            return new Figures(perProcess, (System.nanoTime() - start) / 1e9);
        }
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
