package org.appmsg.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.appmsg.application.port.out.AdminKeyStore;
import org.appmsg.domain.auth.Secret;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AdminKeyStore} does, whatever stores it. */
public abstract class AdminKeyStoreContract {

    private AdminKeyStore store;

    /** A store that holds no admin key yet, asked for once before each test. */
    protected abstract AdminKeyStore emptyStore();

    @BeforeEach
    void setUpStore() {
        store = emptyStore();
    }

    @Test
    void a_new_installation_has_no_admin_key() {
        assertThat(store.digest()).isEmpty();
    }

    @Test
    void the_first_key_is_stored() {
        String digest = new Secret("first-admin-key").digest();
        store.replace(digest);
        assertThat(store.digest()).contains(digest);
    }

    @Test
    void replacing_the_key_keeps_only_the_new_one() {
        store.replace(new Secret("old-admin-key").digest());
        String fresh = new Secret("new-admin-key").digest();
        store.replace(fresh);
        assertThat(store.digest()).contains(fresh);
    }
}
