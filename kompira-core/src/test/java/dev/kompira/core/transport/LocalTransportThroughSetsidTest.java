package dev.kompira.core.transport;

/** Every test of {@link LocalTransportTest} again, with commands started by the JDK behind {@code setsid} and the gate. */
class LocalTransportThroughSetsidTest extends LocalTransportTest {

    @Override
    LocalTransport newTransport() {
        return new LocalTransport(LocalTransport.DEFAULT_IO_THREADS, true, true, false);
    }

    @Override
    LocalTransport newTransport(int maxIoThreads) {
        return new LocalTransport(maxIoThreads, true, true, false);
    }

    @Override
    boolean expectsPosixSpawn() {
        return false;
    }
}
