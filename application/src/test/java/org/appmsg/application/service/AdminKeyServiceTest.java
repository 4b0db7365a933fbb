package org.appmsg.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.appmsg.application.fake.InMemoryAdminKeyStore;
import org.appmsg.application.fake.SequentialIds;
import org.appmsg.application.port.in.InitAdminKeyUseCase.Command;
import org.appmsg.application.port.in.InitAdminKeyUseCase.Result;
import org.junit.jupiter.api.Test;

class AdminKeyServiceTest {

    private final InMemoryAdminKeyStore store = new InMemoryAdminKeyStore();
    private final AdminKeyService admin = new AdminKeyService(store, new SequentialIds());

    @Test
    void the_first_start_generates_a_key_once_and_stores_only_its_digest() {
        var generated = (Result.Generated) admin.init(new Command(""));

        assertThat(store.digest()).hasValue(generated.key().digest());
        assertThat(admin.init(new Command(""))).isEqualTo(new Result.AlreadyPresent());
        assertThat(admin.isAdmin(generated.key().value())).isTrue();
        assertThat(admin.isAdmin("guess")).isFalse();
    }

    @Test
    void a_configured_key_replaces_the_stored_one() {
        var generated = (Result.Generated) admin.init(new Command(""));
        assertThat(admin.init(new Command("configured-key"))).isEqualTo(new Result.Configured());
        assertThat(admin.isAdmin("configured-key")).isTrue();
        assertThat(admin.isAdmin(generated.key().value())).isFalse();
    }

    @Test
    void no_key_is_admin_before_one_exists() {
        assertThat(admin.isAdmin("anything")).isFalse();
        assertThat(admin.isAdmin("")).isFalse();
        assertThat(admin.isAdmin(null)).isFalse();
    }
}
