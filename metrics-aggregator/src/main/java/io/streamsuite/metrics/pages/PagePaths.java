package io.streamsuite.metrics.pages;

import io.streamsuite.schemas.web.PageView;

/** What a page path may be: the same rule for records (else a dead letter) and for REST parameters (else a 400). */
public final class PagePaths {

    public static final int MAX_LENGTH = 2048;

    private PagePaths() {
    }

    /** The view itself when the analytics can place it; else an {@link InvalidPageViewException} (a dead letter). */
    public static PageView requireValid(PageView view) {
        String problem = problem(view.getPage());
        if (problem == null && view.getLatencyMs() < 0) {
            problem = "latencyMs is negative";
        }
        if (problem != null) {
            throw new InvalidPageViewException("page view " + view.getEventId() + ": " + problem);
        }
        return view;
    }

    /** Null when valid, otherwise why not. */
    public static String problem(String page) {
        if (page == null || page.isEmpty()) {
            return "a page path is required";
        }
        if (page.charAt(0) != '/') {
            return "a page path starts with '/' (e.g. /products/42)";
        }
        if (page.length() > MAX_LENGTH) {
            return "a page path is at most " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < page.length(); i++) {
            char c = page.charAt(i);
            if (Character.isISOControl(c) || c == '?' || c == '#') {
                return "a page path has no query string, fragment or control characters";
            }
        }
        return null;
    }
}
