package org.appmsg.application.fake;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.appmsg.application.port.out.ConnectionRevocation;
import org.appmsg.domain.auth.UserToken;

/** Remembers which tokens' connections were to be closed. */
public final class RecordingRevocations implements ConnectionRevocation {

    private final List<UserToken> revoked = new CopyOnWriteArrayList<>();

    @Override
    public void tokenRevoked(UserToken token) {
        revoked.add(token);
    }

    public List<UserToken> revoked() {
        return List.copyOf(revoked);
    }
}
