package io.streamsuite.recommendations.recommend;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Item → the users of one task whose offered candidates hold it: what a stock change looks up to find the
 * recommendations it changes. Derived from the task's histories (rebuilt when the task starts, kept in step with
 * every history written), so it has no changelog and holds exactly one entry per offered candidate: at most
 * users × candidates, however long it runs.
 */
public final class OfferedIndex {

    private final Map<String, Set<String>> usersByItem = new HashMap<>();
    private int entries;

    /** The user's offered items moved from {@code before} (as indexed) to {@code after}. */
    public void update(String userId, Set<String> before, Set<String> after) {
        for (String itemId : before) {
            if (!after.contains(itemId)) {
                Set<String> users = usersByItem.get(itemId);
                if (users != null && users.remove(userId)) {
                    entries--;
                    if (users.isEmpty()) {
                        usersByItem.remove(itemId);
                    }
                }
            }
        }
        for (String itemId : after) {
            if (!before.contains(itemId) && usersByItem.computeIfAbsent(itemId, id -> new HashSet<>()).add(userId)) {
                entries++;
            }
        }
    }

    /** The users offering the item, as a copy (their recommendations are rewritten while it is walked). */
    public List<String> usersOffering(String itemId) {
        Set<String> users = usersByItem.get(itemId);
        return users == null ? List.of() : List.copyOf(users);
    }

    /** User-item entries held. */
    public int entries() {
        return entries;
    }
}
