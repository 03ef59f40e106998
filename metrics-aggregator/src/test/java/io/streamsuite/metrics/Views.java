package io.streamsuite.metrics;

import io.streamsuite.schemas.web.DeviceType;
import io.streamsuite.schemas.web.PageView;
import java.time.Instant;
import java.util.UUID;

/** Page views for tests, read like a sentence: {@code view("/products/42").by("u-1").at(T0.plusSeconds(10))}. */
public final class Views {

    public static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    private String page;
    private String user = "user-1";
    private int status = 200;
    private long latencyMs = 40;
    private Instant at = T0;
    private Boolean synthetic;
    private String id = UUID.randomUUID().toString();

    private Views(String page) {
        this.page = page;
    }

    public static Views view(String page) {
        return new Views(page);
    }

    public Views by(String user) {
        this.user = user;
        return this;
    }

    public Views at(Instant time) {
        this.at = time;
        return this;
    }

    public Views status(int status) {
        this.status = status;
        return this;
    }

    public Views latency(long millis) {
        this.latencyMs = millis;
        return this;
    }

    public Views probe() {
        this.synthetic = true;
        return this;
    }

    public Views id(String id) {
        this.id = id;
        return this;
    }

    public PageView build() {
        return new PageView(id, user, null, page, null, DeviceType.DESKTOP, "DE", status, latencyMs, at, synthetic);
    }
}
