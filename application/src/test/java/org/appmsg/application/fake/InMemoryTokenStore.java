package org.appmsg.application.fake;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.appmsg.application.port.out.TokenStore;
import org.appmsg.domain.auth.UserToken;

public final class InMemoryTokenStore implements TokenStore {

    private final Map<String, UserToken> tokens = new ConcurrentHashMap<>();

    @Override
    public void save(UserToken token) {
        tokens.put(token.digest(), token);
    }

    @Override
    public Optional<UserToken> find(String digest) {
        return Optional.ofNullable(tokens.get(digest));
    }

    @Override
    public void delete(String digest) {
        tokens.remove(digest);
    }
}
