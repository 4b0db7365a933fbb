package org.appmsg.adapter.persistence.redis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.appmsg.adapter.persistence.redis.PresenceChanges.Change;
import org.appmsg.domain.shared.UserId;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Reads every user's presence hash (SCAN on each master, HGETALL pipelined per page) and cleans as it goes:
 *
 * <ul>
 *   <li>holds of nodes without a lease are deleted. The lease is checked after the hash was read and the delete
 *       only takes a field whose value is still the one read (a script on the one key), so a node that came
 *       back and rewrote its fields meanwhile (with a new epoch in every value) keeps them;</li>
 *   <li>marks of sessions with no hold left are deleted the same way;</li>
 *   <li>in a resync, this node's own fields that it did not just write are stale and deleted; those deletes
 *       are returned so that other nodes hear of them.</li>
 * </ul>
 * Several nodes may scan at once: every delete is idempotent.
 */
final class PresenceScan {

    /** KEYS[1] the hash, ARGV field/expected-value pairs: deletes each field still holding its expected value. */
    private static final String COMPARE_AND_DELETE = """
            local n = 0
            for i = 1, #ARGV, 2 do
              if redis.call('HGET', KEYS[1], ARGV[i]) == ARGV[i + 1] then
                redis.call('HDEL', KEYS[1], ARGV[i])
                n = n + 1
              end
            end
            return n""";
    private static final int PAGE = 500;

    /** Other live nodes' fields by user, and the deletes of this node's stale fields. */
    record Result(Map<UserId, Map<String, String>> others, List<Change> ownDeleted) {}

    private final int self;
    private final RedisLink link;
    private final RedisKeys keys;
    private final NodeLeases leases;

    PresenceScan(int self, RedisLink link, RedisKeys keys, NodeLeases leases) {
        this.self = self;
        this.link = link;
        this.keys = keys;
        this.leases = leases;
    }

    /**
     * A resync's scan: {@code ownWritten} is what this node has just written of its own, per user; the result
     * holds every other live node's fields.
     */
    Result resync(Map<UserId, Map<String, String>> ownWritten) {
        return run(ownWritten);
    }

    /** Deletes what dead nodes left behind; this node's own fields are not touched. */
    void reap() {
        run(null);
    }

    private Result run(Map<UserId, Map<String, String>> ownWritten) {
        Result result = new Result(new HashMap<>(), new ArrayList<>());
        Set<Integer> live = new HashSet<>(leases.liveIds());
        live.add(self);
        ScanParams params = new ScanParams().match(keys.userPattern()).count(PAGE);
        for (HostAndPort master : link.masters()) {
            try (Jedis jedis = link.open(master)) {
                RedisLink.translate("scan " + master, () -> {
                    String cursor = ScanParams.SCAN_POINTER_START;
                    do {
                        ScanResult<String> page = jedis.scan(cursor, params);
                        page(jedis, page.getResult(), live, ownWritten, result);
                        cursor = page.getCursor();
                    } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
                    return null;
                });
            }
        }
        return result;
    }

    private void page(Jedis jedis, List<String> pageKeys, Set<Integer> live, Map<UserId, Map<String, String>> ownWritten,
            Result result) {
        if (pageKeys.isEmpty()) {
            return;
        }
        Pipeline pipeline = jedis.pipelined();
        List<Response<Map<String, String>>> replies = new ArrayList<>(pageKeys.size());
        pageKeys.forEach(key -> replies.add(pipeline.hgetAll(key)));
        pipeline.sync();
        Set<Integer> suspects = new HashSet<>();
        for (Response<Map<String, String>> reply : replies) {
            reply.get().keySet().forEach(field -> {
                if (!PresenceFields.isMark(field)) {
                    int node = nodeOf(field);
                    if (node >= 0 && !live.contains(node)) {
                        suspects.add(node);
                    }
                }
            });
        }
        Set<Integer> dead = suspects.isEmpty() ? Set.of() : leases.absent(suspects);
        suspects.stream().filter(node -> !dead.contains(node)).forEach(live::add);
        for (int i = 0; i < pageKeys.size(); i++) {
            String key = pageKeys.get(i);
            Map<String, String> fields = replies.get(i).get();
            keys.userOf(key).ifPresent(user -> clean(key, user, fields, dead, ownWritten, result));
        }
    }

    private void clean(String key, UserId user, Map<String, String> fields, Set<Integer> dead,
            Map<UserId, Map<String, String>> ownWritten, Result result) {
        Map<String, String> kept = new HashMap<>();
        Map<String, String> doomed = new HashMap<>();
        List<String> ownStale = new ArrayList<>();
        Set<String> heldDevices = new HashSet<>();
        Map<String, String> mine = ownWritten == null ? Map.of() : ownWritten.getOrDefault(user, Map.of());
        fields.forEach((field, value) -> {
            if (PresenceFields.isMark(field)) {
                kept.put(field, value);
                return;
            }
            int node = nodeOf(field);
            if (node < 0) {
                return; // not ours to judge
            }
            String device = field.substring(field.indexOf('|') + 1);
            if (node == self) {
                if (ownWritten == null || mine.containsKey(field)) {
                    heldDevices.add(device);
                } else {
                    ownStale.add(field);
                }
            } else if (dead.contains(node)) {
                doomed.put(field, value);
            } else {
                heldDevices.add(device);
                kept.put(field, value);
            }
        });
        mine.keySet().forEach(field -> heldDevices.add(field.substring(field.indexOf('|') + 1)));
        kept.entrySet().removeIf(e -> {
            boolean orphan = PresenceFields.isMark(e.getKey()) && !heldDevices.contains(PresenceFields.markDevice(e.getKey()));
            if (orphan) {
                doomed.put(e.getKey(), e.getValue());
            }
            return orphan;
        });
        if (!doomed.isEmpty()) {
            List<String> args = new ArrayList<>(doomed.size() * 2);
            doomed.forEach((field, value) -> {
                args.add(field);
                args.add(value);
            });
            link.call("reap " + key, r -> r.eval(COMPARE_AND_DELETE, List.of(key), args));
        }
        if (!ownStale.isEmpty()) {
            link.call("clean " + key, r -> r.hdel(key, ownStale.toArray(String[]::new)));
            ownStale.forEach(field -> result.ownDeleted().add(new Change(user, field, null)));
        }
        if (ownWritten != null && !kept.isEmpty()) {
            result.others().put(user, kept);
        }
    }

    /** The node of a hold field; -1 for a field that is neither a hold nor a mark. */
    private static int nodeOf(String field) {
        try {
            return PresenceFields.holdKey(field).node();
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
