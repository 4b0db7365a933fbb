package org.appmsg.adapter.persistence.redis;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.appmsg.domain.shared.UserId;

/**
 * Every key and channel name the cluster uses, under one prefix (default {@code appmsg}). The braces are Redis
 * Cluster hash tags: one user's presence sits in one slot (so a multi-field write is atomic and a script may
 * touch it), each node's channel hashes by node, all leases share one slot so they can be read in one MGET, and
 * each count of the login throttle hashes by its own digest.
 */
final class RedisKeys {

    private final String prefix;
    private final String userKeyHead;

    RedisKeys(String prefix) {
        this.prefix = prefix;
        this.userKeyHead = prefix + ":{u:";
    }

    /** The hash of one user's presence: fields {@code <node>|<device>} (connections) and {@code *|<device>} (state). */
    String user(UserId user) {
        return userKeyHead + user.value() + "}:s";
    }

    /** What SCAN matches to find every user's presence hash. */
    String userPattern() {
        return userKeyHead + "*}:s";
    }

    /** The user a presence key belongs to; empty for a key that is not one. */
    Optional<UserId> userOf(String key) {
        if (!key.startsWith(userKeyHead) || !key.endsWith("}:s")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new UserId(key.substring(userKeyHead.length(), key.length() - 3)));
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }

    /** A node's lease, with a TTL: present while the node is alive. */
    String lease(int node) {
        return prefix + ":{nodes}:" + node;
    }

    /** The set of node ids that ever held a lease (at most 1024), so leases can be read without SCAN. */
    String leaseIds() {
        return prefix + ":{nodes}:ids";
    }

    /** Point-to-point messages for one node. */
    byte[] nodeChannel(int node) {
        return bytes(prefix + ":{n:" + node + "}:bus");
    }

    /** Messages for every node: presence changes, hello and goodbye, callers' broadcasts. */
    byte[] broadcastChannel() {
        return bytes(prefix + ":{all}:bus");
    }

    /**
     * A count of the login throttle: {@code digest} is a digest of the throttle's key (an account, an address, an
     * account from an address), so no login name or address is stored and every key has the same small size. Each
     * key is its own hash tag: the keys spread over a cluster's slots, and a script touches one key only.
     */
    String loginAttempts(String digest) {
        return prefix + ":{la:" + digest + "}";
    }

    /**
     * A shared usage meter of a quota window ({@link RedisSharedMeters}): {@code customer}'s windows share one hash
     * tag, so a script that checks one window and counts the others touches keys of one slot.
     */
    String quotaMeter(String customer, String window) {
        return prefix + ":{q:" + customer + "}:" + window;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
