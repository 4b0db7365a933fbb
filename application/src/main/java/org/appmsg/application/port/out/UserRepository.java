package org.appmsg.application.port.out;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.appmsg.domain.auth.PasswordHash;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;
import org.appmsg.domain.user.Device;
import org.appmsg.domain.user.User;

/**
 * Users and the devices they sign in from. Login names are unique across the server (login requests
 * name no tenant). Failures surface as {@link StorageUnavailableException}.
 */
public interface UserRepository {

    /**
     * Inserts the user or, when one with that id exists in the same tenant, replaces its profile and, unless
     * the given password is {@link PasswordHash#none()}, its password (none keeps the stored one; a new user
     * gets none). Returns what happened; nothing changes unless it is {@code INSERTED} or {@code UPDATED}.
     * Concurrent calls may be committed together in one transaction (group commit); each returns once its
     * own row is durable.
     */
    Upsert upsert(User user);

    Optional<User> findById(UserId id);

    /**
     * The users of {@code ids} that exist, as {@link #findById} would answer each (from the same cache, where an
     * adapter keeps one), keyed by id; unknown ids are left out and duplicates count once. The map iterates in
     * the order of the ids' first appearance in {@code ids}. For the members of a group: an adapter answers with
     * a few queries, not one per id. Meant for up to a few thousand ids.
     */
    Map<UserId, User> findByIds(Collection<UserId> ids);

    /** The user whose login name is {@code name}, or, when {@code name} holds an '@', whose e-mail it is (only if exactly one user has it). */
    Optional<User> findByLogin(String name);

    void updatePassword(UserId id, PasswordHash password);

    /** Records (or refreshes the login time of) the device a user signed in from. */
    void recordDevice(Device device);

    /**
     * Users of the tenant whose nickname, login name, pinyin initials or full pinyin contains {@code key}
     * (literally: '%' and '_' match themselves; case as stored), ordered by nickname then id, skipping
     * {@code offset}, at most {@code limit}; {@code total} counts every match. An empty key matches all.
     */
    Page search(TenantId tenant, String key, int offset, int limit);

    /**
     * Up to {@code limit} ids of the tenant's users, in id order (ids compare as strings, character by character),
     * each greater than {@code afterId} ({@code ""} starts at the first). For walking a whole tenant in pages, e.g.
     * the recipients of a message to {@code @tenant}: pass the last id of a page to get the next one.
     */
    List<UserId> idsOfTenant(TenantId tenant, String afterId, int limit);

    /**
     * Drops whatever this node keeps cached of these users, so the next read sees their stored rows: another node of
     * a cluster changed them. A read that was under way keeps nothing it read before this call. An adapter
     * without a cache does nothing. Cheap: it runs on the thread that receives the cluster's events.
     */
    void forgetCached(Collection<UserId> users);

    /** As {@link #forgetCached} for every user (the cluster's events may have been lost). */
    void forgetAllCached();

    record Page(List<User> users, long total) {
        public Page {
            users = List.copyOf(users);
        }
    }

    enum Upsert {
        INSERTED,
        UPDATED,
        /** Another user holds the login name. */
        NAME_TAKEN,
        /** A user with this id exists in another tenant; users never change tenant. */
        OTHER_TENANT
    }
}
