package io.streamsuite.kit.test;

/**
 * The registry cut off from tests while this is open: connections are refused. {@link #close()} (or
 * {@link #resume()}) brings it back with its schemas intact. Use in try-with-resources.
 */
public final class RegistryOutage implements AutoCloseable {

    private final TcpProxy proxy;

    RegistryOutage(TcpProxy proxy) {
        this.proxy = proxy;
        proxy.cutOff();
    }

    public boolean isActive() {
        return proxy.isOut();
    }

    public void resume() {
        proxy.restore();
    }

    @Override
    public void close() {
        resume();
    }
}
