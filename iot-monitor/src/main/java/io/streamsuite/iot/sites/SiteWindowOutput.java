package io.streamsuite.iot.sites;

import io.streamsuite.schemas.iot.LateSiteReading;
import io.streamsuite.schemas.iot.SiteStats;

/** What the site windows send on: a closed window's stats, or a reading that came after its window closed. */
public record SiteWindowOutput(SiteStats stats, LateSiteReading late) {
}
