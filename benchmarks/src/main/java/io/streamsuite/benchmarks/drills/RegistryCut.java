package io.streamsuite.benchmarks.drills;

import io.streamsuite.kit.test.ApicurioRegistry;
import io.streamsuite.kit.test.TcpProxy;

/**
 * Cuts the services off the registry without stopping it (its storage is in memory): services reach it through
 * the test harness's TCP proxy, which refuses connections and drops open ones while cut.
 */
final class RegistryCut implements AutoCloseable {

    private final TcpProxy proxy;

    private RegistryCut(TcpProxy proxy) {
        this.proxy = proxy;
    }

    static RegistryCut infrontOf(ApicurioRegistry registry) {
        return new RegistryCut(TcpProxy.start("127.0.0.1", registry.port()));
    }

    /** The URL services must use so that the cut reaches them. */
    String url() {
        return "http://127.0.0.1:" + proxy.port() + "/apis/ccompat/v7";
    }

    void cut() {
        proxy.cutOff();
    }

    void restore() {
        proxy.restore();
    }

    @Override
    public void close() {
        proxy.close();
    }
}
