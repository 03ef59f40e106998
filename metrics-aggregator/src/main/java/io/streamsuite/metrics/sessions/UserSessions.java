package io.streamsuite.metrics.sessions;

import io.streamsuite.schemas.web.PageView;
import io.streamsuite.schemas.web.UserSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A user's session as a session-window aggregate: start, end, duration, views, distinct pages,
 * entry and exit page, bounce. {@link #merge} joins two sessions when a late view bridges their gap.
 */
public final class UserSessions {

    private UserSessions() {
    }

    /** Session windows call this once per record: the all-fields constructor, not a builder, which copies defaults. */
    public static UserSession empty() {
        return new UserSession("", Instant.EPOCH, Instant.EPOCH, 0L, new ArrayList<>(), 0L, null, null, false);
    }

    public static UserSession add(String userId, PageView view, UserSession session) {
        Instant at = view.getEventTime();
        String page = view.getPage();
        if (session.getPageViews() == 0) {
            return build(userId, at, at, 1, List.of(page), page, page);
        }
        boolean earliest = at.isBefore(session.getSessionStart());
        boolean latest = !at.isBefore(session.getSessionEnd());
        // Shared with the session it grows from while unchanged (only addOwned, whose caller drops that session, grows a list).
        List<String> pages = session.getPages();
        if (!pages.contains(page)) {
            pages = new ArrayList<>(pages);
            if (earliest) {
                pages.add(0, page);
            } else {
                pages.add(page);
            }
        }
        return build(userId, earliest ? at : session.getSessionStart(), latest ? at : session.getSessionEnd(),
                session.getPageViews() + 1, pages, earliest ? page : session.getEntryPage(),
                latest ? page : session.getExitPage());
    }

    /**
     * As {@link #add}, for a caller that owns {@code session} and keeps only the result (a live session): a new page
     * goes into the session's own page list in place, where {@link #add} copies the list per new page (a bot's
     * session of hundreds of pages cost a copy per view).
     */
    public static UserSession addOwned(String userId, PageView view, UserSession session) {
        List<String> pages = session.getPages();
        if (session.getPageViews() == 0 || pages.contains(view.getPage())) {
            return add(userId, view, session);
        }
        List<String> owned = pages instanceof ArrayList<String> list ? list : new ArrayList<>(pages);
        Instant at = view.getEventTime();
        boolean earliest = at.isBefore(session.getSessionStart());
        boolean latest = !at.isBefore(session.getSessionEnd());
        if (earliest) {
            owned.add(0, view.getPage());
        } else {
            owned.add(view.getPage());
        }
        return build(userId, earliest ? at : session.getSessionStart(), latest ? at : session.getSessionEnd(),
                session.getPageViews() + 1, owned, earliest ? view.getPage() : session.getEntryPage(),
                latest ? view.getPage() : session.getExitPage());
    }

    public static UserSession merge(String userId, UserSession one, UserSession other) {
        if (one.getPageViews() == 0) {
            return other;
        }
        if (other.getPageViews() == 0) {
            return one;
        }
        UserSession first = one.getSessionStart().isAfter(other.getSessionStart()) ? other : one;
        UserSession second = first == one ? other : one;
        UserSession last = second.getSessionEnd().isBefore(first.getSessionEnd()) ? first : second;
        List<String> pages = new ArrayList<>(first.getPages());
        for (String page : second.getPages()) {
            if (!pages.contains(page)) {
                pages.add(page);
            }
        }
        return build(userId, first.getSessionStart(), last.getSessionEnd(), first.getPageViews() + second.getPageViews(),
                pages, first.getEntryPage(), last.getExitPage());
    }

    private static UserSession build(String userId, Instant start, Instant end, long views, List<String> pages,
                                     String entry, String exit) {
        return new UserSession(userId, start, end, views, pages, end.toEpochMilli() - start.toEpochMilli(), entry, exit,
                views == 1);
    }
}
