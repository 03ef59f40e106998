package io.streamsuite.simulator.web;

import io.streamsuite.schemas.DomainTopics;
import io.streamsuite.schemas.web.DeviceType;
import io.streamsuite.schemas.web.PageView;
import io.streamsuite.simulator.event.Disorder;
import io.streamsuite.simulator.event.DomainGenerator;
import io.streamsuite.simulator.event.GeneratorSettings;
import io.streamsuite.simulator.event.SimClock;
import io.streamsuite.simulator.event.SimEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Page views keyed by user id, in sessions: a visitor lands (from a search engine, a newsletter or nowhere), clicks
 * through a few pages a few seconds apart and leaves. Devices and countries stick to a user; a few users are bots.
 */
public final class WebGenerator implements DomainGenerator {

    public static final String DOMAIN = "web";

    private static final String[] COUNTRIES = {"DE", "DE", "DE", "FR", "FR", "NL", "GB", "GB", "US", "US", "ES", "IT", "PL", "SE"};
    private static final String[] LANDING_REFERRERS = {"https://www.google.com/", "https://www.bing.com/",
            "https://newsletter.example.com/", "https://social.example.com/"};
    private static final String[] SECTIONS = {"/", "/search", "/products/%d", "/products/%d", "/products/%d",
            "/category/%d", "/cart", "/checkout", "/blog/%d", "/account", "/help"};

    private final SplittableRandom random;
    private final SimClock clock;
    private final Disorder disorder;
    private final int users;
    private final int targetActiveSessions;
    private final List<Session> active = new ArrayList<>();
    private final Set<Integer> usersInSession = new HashSet<>();

    private static final class Session {
        final int user;
        final String hint;
        int pagesLeft;
        String lastPage;

        Session(int user, String hint, int pagesLeft) {
            this.user = user;
            this.hint = hint;
            this.pagesLeft = pagesLeft;
        }
    }

    public WebGenerator(GeneratorSettings settings) {
        this.random = new SplittableRandom(settings.seedFor(DOMAIN));
        this.clock = new SimClock(settings.start().toEpochMilli(), settings.eventsPerSecond());
        this.disorder = new Disorder(settings);
        this.users = settings.population();
        // Enough concurrent sessions that one user's clicks are seconds apart at the simulated rate.
        this.targetActiveSessions = (int) Math.max(1, Math.min(users / 2, settings.eventsPerSecond() * 5));
    }

    @Override
    public String domain() {
        return DOMAIN;
    }

    @Override
    public String streamTopic() {
        return DomainTopics.WEB_PAGE_VIEWS;
    }

    @Override
    public String referenceTopic() {
        return null;
    }

    @Override
    public List<SimEvent> referenceData() {
        return List.of();
    }

    @Override
    public SimEvent next() {
        long now = clock.tick(random);
        Session session;
        String referrer;
        if (active.size() < targetActiveSessions && usersInSession.size() < users) {
            session = startSession();
            referrer = random.nextDouble() < 0.35 ? null : LANDING_REFERRERS[random.nextInt(LANDING_REFERRERS.length)];
        } else {
            session = active.get(random.nextInt(active.size()));
            referrer = "https://shop.example.com" + session.lastPage;
        }
        String page = session.lastPage == null && random.nextDouble() < 0.5 ? "/" : page();
        session.lastPage = page;
        if (--session.pagesLeft <= 0) {
            active.remove(session);
            usersInSession.remove(session.user);
        }
        String userId = userId(session.user);
        Disorder.Timing timing = disorder.timing(userId, now, random);
        int status = status();
        long latency = status >= 500 ? 800 + random.nextInt(2_500) : Math.round(Math.exp(3.8 + random.nextGaussian() * 0.6));
        PageView view = new PageView(new UUID(random.nextLong(), random.nextLong()).toString(), userId, session.hint,
                page, referrer, device(session.user), country(session.user), status, latency,
                Instant.ofEpochMilli(timing.eventTimeMs()), null);
        return new SimEvent(DOMAIN, DomainTopics.WEB_PAGE_VIEWS, userId, view, timing.eventTimeMs(), timing.kind(), null);
    }

    private Session startSession() {
        int user;
        do {
            user = random.nextInt(users);
        } while (usersInSession.contains(user));
        usersInSession.add(user);
        boolean bot = device(user) == DeviceType.BOT;
        int pages = bot ? 20 + random.nextInt(40) : 1 + (int) Math.floor(-Math.log(1 - random.nextDouble()) * 5);
        String hint = random.nextDouble() < 0.7 ? "s-" + Long.toHexString(random.nextLong()) : null;
        Session session = new Session(user, hint, pages);
        active.add(session);
        return session;
    }

    private String page() {
        String section = SECTIONS[random.nextInt(SECTIONS.length)];
        return section.contains("%d") ? String.format(section, 1 + random.nextInt(500)) : section;
    }

    private int status() {
        double roll = random.nextDouble();
        if (roll < 0.93) {
            return 200;
        }
        if (roll < 0.96) {
            return 304;
        }
        if (roll < 0.99) {
            return 404;
        }
        return random.nextBoolean() ? 500 : 503;
    }

    private static String userId(int user) {
        return String.format("user-%06d", user);
    }

    /** Sticky per user, derived from the user number so it needs no state. */
    private static DeviceType device(int user) {
        int bucket = Math.floorMod(user * 7919, 100);
        if (bucket < 3) {
            return DeviceType.BOT;
        }
        if (bucket < 48) {
            return DeviceType.MOBILE;
        }
        return bucket < 58 ? DeviceType.TABLET : DeviceType.DESKTOP;
    }

    private static String country(int user) {
        return COUNTRIES[Math.floorMod(user * 104_729, COUNTRIES.length)];
    }
}
