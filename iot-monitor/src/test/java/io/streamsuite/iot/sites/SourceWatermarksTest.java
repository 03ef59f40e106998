package io.streamsuite.iot.sites;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SourceWatermarksTest {

    private static final long GRACE = 30;

    @Test
    void closesUpToTheSlowestActiveSourceMinusTheGrace() {
        SourceWatermarks sources = new SourceWatermarks(GRACE, List.of(), Watermark.NONE);
        sources.update(new Watermark(0, 1_000, false));
        sources.update(new Watermark(1, 400, false));
        assertThat(sources.advance()).isEqualTo(370);
        sources.update(new Watermark(1, 900, false));
        assertThat(sources.advance()).isEqualTo(870);
    }

    @Test
    void aSourceThatHasNotReportedATimeHoldsEverythingOpen() {
        SourceWatermarks sources = new SourceWatermarks(GRACE, List.of(new Watermark(1, Watermark.NONE, false)), Watermark.NONE);
        sources.update(new Watermark(0, 1_000, false));
        assertThat(sources.advance()).isEqualTo(Watermark.NONE);
    }

    @Test
    void idleSourcesAreLeftOutUntilTheyReportAgainAndTheClosingTimeNeverGoesBack() {
        SourceWatermarks sources = new SourceWatermarks(GRACE, List.of(), Watermark.NONE);
        sources.update(new Watermark(0, 1_000, false));
        sources.update(new Watermark(1, 400, true));
        assertThat(sources.advance()).isEqualTo(970);
        sources.update(new Watermark(1, 500, false));
        assertThat(sources.advance()).isEqualTo(970);
        sources.update(new Watermark(0, 2_000, true));
        assertThat(sources.advance()).as("only source 1 active").isEqualTo(970);
        sources.update(new Watermark(1, 500, true));
        assertThat(sources.advance()).as("all idle: the fastest").isEqualTo(1_970);
    }

    @Test
    void aReplayedOlderReportKeepsTheNewerTimeAndAnUnchangedOneIsNotAChange() {
        SourceWatermarks sources = new SourceWatermarks(GRACE, List.of(new Watermark(0, 1_000, false)), 970);
        assertThat(sources.update(new Watermark(0, 600, false))).isNull();
        assertThat(sources.update(new Watermark(0, 1_000, false))).isNull();
        assertThat(sources.update(new Watermark(0, 1_200, false))).isEqualTo(new Watermark(0, 1_200, false));
        assertThat(sources.advance()).isEqualTo(1_170);
    }
}
