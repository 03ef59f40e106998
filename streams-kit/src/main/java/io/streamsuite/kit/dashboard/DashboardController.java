package io.streamsuite.kit.dashboard;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The JSON the dashboard page polls: the kit's figures, and the service's panels to draw. */
@RestController
@Tag(name = "Dashboard", description = "Figures behind the live page at /")
public class DashboardController {

    public static final String SNAPSHOT_PATH = "/api/dashboard";
    public static final String PANELS_PATH = "/api/dashboard/panels";

    private final DashboardFigures figures;
    private final List<DashboardPanel> panels;

    public DashboardController(DashboardFigures figures, List<DashboardPanel> panels) {
        this.figures = figures;
        this.panels = List.copyOf(panels);
    }

    @GetMapping(SNAPSHOT_PATH)
    @Operation(summary = "The kit's live figures",
            description = "Records in and out per second and end-to-end latency p50/p99 over the last two minutes, "
                    + "consumer lag per partition, dead letters by reason, Streams state per thread, restoration progress "
                    + "and thread replacements, for this instance")
    public DashboardSnapshot snapshot() {
        return figures.snapshot();
    }

    @GetMapping(PANELS_PATH)
    @Operation(summary = "The service's own panels", description = "Each names a query of this service and how to draw it")
    public List<DashboardPanel> panels() {
        return panels;
    }
}
