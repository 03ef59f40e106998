package io.streamsuite.kit.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

/**
 * A query over every partition of a store: each instance holding active partitions is asked for its
 * best page (this one locally, the others over HTTP, at once), the pages are merged in query order
 * and cut to one page. Where an instance cannot answer, the instances holding standbys of its
 * partitions are asked instead; only partitions that no copy answers make the query a 503.
 */
final class FanOut {

    /** This instance's page for the given partitions (null: whatever it holds). */
    interface LocalPage {
        Slice read(Set<Integer> partitions);
    }

    /** Another instance's page for the given partitions, asked with the hop header. */
    interface RemotePage {
        CompletableFuture<Optional<PeerClient.Reply<StoreEntries>>> ask(HostInfo host, Set<Integer> partitions);
    }

    /** Reads an item of another instance's page back into its place in the order. */
    interface Placing {
        Found place(StoreEntry entry);
    }

    private final QueryRouter router;

    FanOut(QueryRouter router) {
        this.router = router;
    }

    Slice gather(KafkaStreams running, QueryableStore store, int limit, Comparator<Found> order, LocalPage local,
                 RemotePage remote, Placing placing) {
        List<Found> found = new ArrayList<>();
        List<AnsweringCopy> copies = new ArrayList<>();
        boolean more = false;
        List<Pending> pending = new ArrayList<>();
        for (QueryRouter.Target target : router.activeTargets(running, store)) {
            pending.add(ask(target, local, remote));
        }
        for (Pending asked : pending) {
            Slice slice;
            try {
                slice = asked.join(placing);
            } catch (StoreUnavailableException e) {
                slice = fromStandbys(running, store, asked.target(), e, local, remote, placing);
            }
            found.addAll(slice.items());
            more |= slice.more();
            if (slice.copy() != null) {
                copies.add(slice.copy());
            }
        }
        found.sort(order);
        boolean beyond = more || found.size() > limit;
        return new Slice(found.size() > limit ? List.copyOf(found.subList(0, limit)) : found, beyond,
                copies.isEmpty() ? null : AnsweringCopy.combine(copies));
    }

    private Slice fromStandbys(KafkaStreams running, QueryableStore store, QueryRouter.Target failed,
                               StoreUnavailableException failure, LocalPage local, RemotePage remote, Placing placing) {
        if (failed.partitions() == null) {
            throw failure;
        }
        List<QueryRouter.Target> standbys = router.standbyTargets(running, store, failed.partitions(), failed.host());
        Set<Integer> covered = new TreeSet<>();
        standbys.forEach(target -> covered.addAll(target.partitions()));
        if (!covered.containsAll(failed.partitions())) {
            throw failure;
        }
        List<Pending> pending = standbys.stream().map(target -> ask(target, local, remote)).toList();
        List<Found> found = new ArrayList<>();
        List<AnsweringCopy> copies = new ArrayList<>();
        boolean more = false;
        for (Pending asked : pending) {
            Slice slice = asked.join(placing);
            found.addAll(slice.items());
            more |= slice.more();
            if (slice.copy() != null) {
                copies.add(slice.copy());
            }
        }
        return new Slice(found, more, copies.isEmpty() ? null : AnsweringCopy.combine(copies));
    }

    private Pending ask(QueryRouter.Target target, LocalPage local, RemotePage remote) {
        if (router.isSelf(target.host())) {
            try {
                return new Pending(target, local.read(target.partitions()), null, null);
            } catch (StoreUnavailableException e) {
                return new Pending(target, null, null, e);
            }
        }
        return new Pending(target, null, remote.ask(target.host(), target.partitions()), null);
    }

    /** One instance's answer: read here, on its way over HTTP, or already failed. */
    private record Pending(QueryRouter.Target target, Slice local,
                           CompletableFuture<Optional<PeerClient.Reply<StoreEntries>>> remote,
                           StoreUnavailableException failure) {

        Slice join(Placing placing) {
            if (failure != null) {
                throw failure;
            }
            if (local != null) {
                return local;
            }
            PeerClient.Reply<StoreEntries> reply = PeerClient.join(remote)
                    .orElseThrow(() -> new IllegalStateException("a peer answered a page with key-not-found"));
            List<Found> items = new ArrayList<>();
            for (StoreEntry entry : reply.body().items()) {
                items.add(placing.place(entry));
            }
            return new Slice(items, reply.body().nextCursor() != null, reply.copy());
        }
    }
}
