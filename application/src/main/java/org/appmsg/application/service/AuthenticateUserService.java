package org.appmsg.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.appmsg.application.port.in.AuthenticateUserUseCase;
import org.appmsg.application.port.out.TokenStore;
import org.appmsg.application.port.out.UserRepository;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.auth.UserToken;

/**
 * Token → user, with a small cache of tokens in front of the token store: every push and fetch authenticates,
 * and the database must not see one token lookup per request. A token found is reused for at most
 * {@code cacheTtl} and never past its own expiry; a token revoked on another node of a cluster is dropped when
 * its revocation arrives ({@link #forgetDigest}), at the latest after {@code cacheTtl}. Unknown tokens are not
 * cached, so a token issued a moment ago on another node is found at once.
 *
 * <p>Only the token is cached, not its user: the user is read through {@link UserRepository#findById} on every
 * call (which has a cache of its own, evicted when a user changes on any node), so a changed profile shows here
 * as soon as it does there.
 */
public final class AuthenticateUserService implements AuthenticateUserUseCase {

    private static final int MAX_CACHED = 200_000;

    private final TokenStore tokens;
    private final UserRepository users;
    private final Clock clock;
    private final Duration cacheTtl;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    public AuthenticateUserService(TokenStore tokens, UserRepository users, Clock clock, Duration cacheTtl) {
        this.tokens = tokens;
        this.users = users;
        this.clock = clock;
        this.cacheTtl = cacheTtl;
    }

    @Override
    public Optional<Authenticated> authenticate(Secret token) {
        Instant now = clock.instant();
        String digest = token.digest();
        Cached cached = cache.get(digest);
        Optional<UserToken> found;
        if (cached != null && cached.until().isAfter(now)) {
            found = Optional.of(cached.token());
        } else {
            found = tokens.find(digest);
            found.filter(t -> t.validAt(now)).ifPresentOrElse(t -> remember(digest, t, now), () -> cache.remove(digest));
        }
        return found.filter(t -> t.validAt(now))
                .flatMap(t -> users.findById(t.user()).map(u -> new Authenticated(u, t)));
    }

    /** Drops the cached answer for a token that was just revoked, so it stops working at once on this node. */
    public void forget(Secret token) {
        forgetDigest(token.digest());
    }

    /** As {@link #forget}, by the token's digest (what another node of a cluster names when it revokes one). */
    public void forgetDigest(String digest) {
        cache.remove(digest);
    }

    /** Drops every cached answer (a cluster's revocations may have been lost while its link was away). */
    public void forgetAll() {
        cache.clear();
    }

    private void remember(String digest, UserToken value, Instant now) {
        if (cache.size() >= MAX_CACHED) {
            // crude but bounded: a full cache costs one store lookup per token until it refills
            cache.clear();
        }
        cache.put(digest, new Cached(value, now.plus(cacheTtl)));
    }

    private record Cached(UserToken token, Instant until) {}
}
