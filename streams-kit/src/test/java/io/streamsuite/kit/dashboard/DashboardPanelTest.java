package io.streamsuite.kit.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DashboardPanelTest {

    @Test
    void builderKeepsEveryStepAndLeavesTheOriginalUntouched() {
        DashboardPanel table = DashboardPanel.table("Recent alerts", "/api/alerts?limit=10", "/items");
        DashboardPanel full = table.column("Card", "/cardLast4").column("Score", "/score").sortedBy("/score").top(5);

        assertThat(table.columns()).isEmpty();
        assertThat(full.chart()).isEqualTo(DashboardPanel.Chart.TABLE);
        assertThat(full.columns()).extracting(DashboardPanel.Column::label).containsExactly("Card", "Score");
        assertThat(full.sortBy()).isEqualTo("/score");
        assertThat(full.top()).isEqualTo(5);
        assertThat(DashboardPanel.bar("Riskiest", "/api/x", "").label("/k").value("n", "/v").columns())
                .containsExactly(new DashboardPanel.Column("n", "/v"));
    }

    @Test
    void aListColumnNamesWhatToShowOfEachElement() {
        DashboardPanel top = DashboardPanel.table("Top pages", "/api/x", "/items").column("Pages", "/value/pages", "/page", "/views");

        assertThat(top.columns()).singleElement().satisfies(column -> {
            assertThat(column.field()).isEqualTo("/value/pages");
            assertThat(column.parts()).containsExactly("/page", "/views");
        });
        assertThatThrownBy(() -> DashboardPanel.table("t", "/api/x", "/items").column("Pages", "/pages", "page"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON Pointer");
    }

    @Test
    void refusesAQueryThatIsNotAPathOfTheService() {
        assertThatThrownBy(() -> DashboardPanel.table("t", "https://elsewhere.example/api", "/items"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("path of this service");
        assertThatThrownBy(() -> DashboardPanel.table("t", "//elsewhere.example/api", "/items"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAFieldThatIsNotAJsonPointer() {
        assertThatThrownBy(() -> DashboardPanel.table("t", "/api/x", "items"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON Pointer");
        assertThatThrownBy(() -> DashboardPanel.table("t", "/api/x", "/items").column("Score", "value.score"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DashboardPanel.table("t", "/api/x", "/items").top(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
