package io.streamsuite.simulator.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsuite.schemas.web.PageView;
import io.streamsuite.simulator.event.GeneratorSettings;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebGeneratorTest {

    @Test
    void pageViewsComeInSessionsOfClicksSecondsApart() {
        WebGenerator generator = new WebGenerator(GeneratorSettings.of(9).withEventsPerSecond(50).withPopulation(5_000));
        Map<String, Long> lastByUser = new HashMap<>();
        Map<String, String> hintByUser = new HashMap<>();
        int withinSession = 0;
        int withHint = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            PageView view = (PageView) generator.next().value();
            Long previous = lastByUser.put(view.getUserId(), view.getEventTime().toEpochMilli());
            if (previous != null && view.getEventTime().toEpochMilli() - previous < 5 * 60_000L) {
                withinSession++;
                if (view.getSessionHint() != null && view.getSessionHint().equals(hintByUser.get(view.getUserId()))) {
                    withHint++;
                    // A click inside a session comes from the previous page of the shop.
                    assertThat(view.getReferrer()).startsWith("https://shop.example.com/");
                }
            }
            hintByUser.put(view.getUserId(), view.getSessionHint());
            assertThat(view.getPage()).startsWith("/");
            assertThat(view.getHttpStatus()).isIn(200, 304, 404, 500, 503);
        }
        // Most views follow an earlier one of the same user within minutes, mostly carrying the same session hint.
        assertThat(withinSession).isGreaterThan(n / 2);
        assertThat(withHint).isGreaterThan(withinSession / 2);
    }
}
