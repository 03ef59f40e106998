package io.streamsuite.benchmarks.drills;

import io.streamsuite.kit.test.ApicurioRegistry;

/**
 * Cuts the services off the registry without stopping it (its storage is in memory). The cut must be the test
 * harness's TCP proxy (streams-kit-test's TcpProxy); until that is public, there is no cut and the registry drill
 * fails saying so rather than passing without having cut anything.
 */
interface RegistryCut {

    boolean available();

    String whyNot();

    /** The URL services must use so that the cut reaches them. */
    String urlThrough(ApicurioRegistry registry);

    void cut();

    void restore();

    static RegistryCut unavailable() {
        return new RegistryCut() {
            @Override
            public boolean available() {
                return false;
            }

            @Override
            public String whyNot() {
                return "a registry cut: streams-kit-test's TcpProxy (start, port, cutOff, restore) is not public yet";
            }

            @Override
            public String urlThrough(ApicurioRegistry registry) {
                return registry.confluentApiUrl();
            }

            @Override
            public void cut() {
                throw new IllegalStateException(whyNot());
            }

            @Override
            public void restore() {
            }
        };
    }
}
