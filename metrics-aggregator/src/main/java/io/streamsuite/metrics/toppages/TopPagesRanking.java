package io.streamsuite.metrics.toppages;

import io.streamsuite.schemas.web.PageRank;
import io.streamsuite.schemas.web.PageViewWindow;
import io.streamsuite.schemas.web.TopPages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The {@code size} most viewed pages of one window. Exact: it is fed each page's final count of the
 * window exactly once (windows emit on close), so keeping the best {@code size} as they come is the
 * brute-force answer. A page seen again (a replay) replaces its earlier count rather than adding.
 */
public final class TopPagesRanking {

    static final Comparator<PageRank> ORDER = Comparator.comparingLong(PageRank::getViews).reversed()
            .thenComparing(PageRank::getPage);

    private final int size;

    public TopPagesRanking(int size) {
        this.size = size;
    }

    public static TopPages empty() {
        return new TopPages(Instant.EPOCH, Instant.EPOCH, new ArrayList<>());
    }

    public TopPages add(PageViewWindow window, TopPages top) {
        List<PageRank> pages = new ArrayList<>(top.getPages().size() + 1);
        for (PageRank rank : top.getPages()) {
            if (!rank.getPage().equals(window.getPage())) {
                pages.add(rank);
            }
        }
        pages.add(new PageRank(window.getPage(), window.getViews()));
        pages.sort(ORDER);
        if (pages.size() > size) {
            pages = new ArrayList<>(pages.subList(0, size));
        }
        return new TopPages(window.getWindowStart(), window.getWindowEnd(), pages);
    }
}
