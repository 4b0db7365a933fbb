package org.appmsg.application.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.appmsg.application.port.in.AuthenticateAdminUseCase;
import org.appmsg.application.port.in.InitAdminKeyUseCase;
import org.appmsg.application.port.out.AdminKeyStore;
import org.appmsg.application.port.out.IdGenerator;
import org.appmsg.domain.auth.Secret;

/** The operator's key: set from configuration or generated once, stored only as a digest. */
public final class AdminKeyService implements AuthenticateAdminUseCase, InitAdminKeyUseCase {

    private final AdminKeyStore store;
    private final IdGenerator ids;

    public AdminKeyService(AdminKeyStore store, IdGenerator ids) {
        this.store = store;
        this.ids = ids;
    }

    @Override
    public InitAdminKeyUseCase.Result init(Command command) {
        if (!command.configuredKey().isEmpty()) {
            store.replace(new Secret(command.configuredKey()).digest());
            return new InitAdminKeyUseCase.Result.Configured();
        }
        if (store.digest().isPresent()) {
            return new InitAdminKeyUseCase.Result.AlreadyPresent();
        }
        Secret key = ids.newSecret();
        store.replace(key.digest());
        return new InitAdminKeyUseCase.Result.Generated(key);
    }

    @Override
    public boolean isAdmin(String presentedKey) {
        if (presentedKey == null || presentedKey.isBlank() || presentedKey.length() > 256) {
            return false;
        }
        String presented = new Secret(presentedKey).digest();
        return store.digest()
                .map(stored -> MessageDigest.isEqual(stored.getBytes(StandardCharsets.US_ASCII),
                        presented.getBytes(StandardCharsets.US_ASCII)))
                .orElse(false);
    }
}
