package org.appmsg.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.appmsg.domain.auth.PasswordHash;
import org.junit.jupiter.api.Test;

class Pbkdf2PasswordHasherTest {

    private final Pbkdf2PasswordHasher hasher = new Pbkdf2PasswordHasher(1_000);

    @Test
    void a_hash_matches_its_password_and_no_other() {
        PasswordHash hash = hasher.hash("correct horse");
        assertThat(hasher.matches("correct horse", hash)).isTrue();
        assertThat(hasher.matches("correct horsE", hash)).isFalse();
        assertThat(hasher.matches("", hash)).isFalse();
    }

    @Test
    void the_encoding_names_algorithm_iterations_salt_and_hash() {
        assertThat(hasher.hash("pw").encoded()).matches("pbkdf2-sha256\\$1000\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    }

    @Test
    void the_same_password_hashes_differently_each_time() {
        assertThat(hasher.hash("pw")).isNotEqualTo(hasher.hash("pw"));
    }

    @Test
    void a_legacy_verbatim_password_is_compared_as_it_is() {
        PasswordHash legacy = new PasswordHash("123456");
        assertThat(hasher.matches("123456", legacy)).isTrue();
        assertThat(hasher.matches("1234567", legacy)).isFalse();
        assertThat(hasher.needsRehash(legacy)).isTrue();
    }

    @Test
    void a_hash_with_fewer_iterations_than_configured_needs_a_rehash() {
        PasswordHash weak = new Pbkdf2PasswordHasher(500).hash("pw");
        assertThat(hasher.matches("pw", weak)).isTrue();
        assertThat(hasher.needsRehash(weak)).isTrue();
        assertThat(hasher.needsRehash(hasher.hash("pw"))).isFalse();
        assertThat(new Pbkdf2PasswordHasher(500).needsRehash(hasher.hash("pw"))).isFalse();
    }

    @Test
    void a_malformed_stored_hash_matches_nothing_and_needs_a_rehash() {
        PasswordHash broken = new PasswordHash("pbkdf2-sha256$abc$!!$??");
        assertThat(hasher.matches("pw", broken)).isFalse();
        assertThat(hasher.matches("pbkdf2-sha256$abc$!!$??", broken)).isFalse();
        assertThat(hasher.needsRehash(broken)).isTrue();
    }

    @Test
    void the_default_follows_owasp() {
        assertThat(Pbkdf2PasswordHasher.DEFAULT_ITERATIONS).isEqualTo(210_000);
        assertThat(new Pbkdf2PasswordHasher().needsRehash(hasher.hash("pw"))).isTrue();
    }
}
