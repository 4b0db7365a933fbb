package org.appmsg.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.appmsg.domain.name.Kind;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.session.SessionId;
import org.appmsg.domain.session.SubscriptionKey;
import org.appmsg.domain.shared.DomainViolation;
import org.appmsg.domain.shared.UserId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class NameAndKeyTest {

    @Test
    void names_parse_every_legacy_suffix_and_print_back() {
        for (Kind kind : Kind.values()) {
            Name name = Name.parse("23622391649384525" + kind.suffix());
            assertThat(name.kind()).isEqualTo(kind);
            assertThat(name.toString()).isEqualTo("23622391649384525" + kind.suffix());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "123", "123@users", "@user", "1 2@user", "a_b@user", "123@user@qun", "x@USER"})
    void malformed_names_are_violations(String text) {
        assertThatThrownBy(() -> Name.parse(text)).isInstanceOf(DomainViolation.class).hasMessageMatching("(?s).*(@|id).*");
    }

    @Test
    void a_session_key_names_its_user_and_device() {
        SubscriptionKey key = SubscriptionKey.parse("23370005043469383_Android-123@user");

        assertThat(key.user()).isEqualTo(new UserId("23370005043469383"));
        assertThat(key.session()).hasValue(new SessionId(new UserId("23370005043469383"), "Android-123"));
        assertThat(key.mailbox()).isEqualTo(Name.parse("23370005043469383@user"));
        assertThat(key.toString()).isEqualTo("23370005043469383_Android-123@user");
    }

    @Test
    void a_browser_tab_key_and_a_plain_key_parse() {
        assertThat(SubscriptionKey.parse("123_Mozilla-5-417@user").session().orElseThrow().device()).isEqualTo("Mozilla-5-417");
        assertThat(SubscriptionKey.parse("123@user").session()).isEmpty();
        assertThat(SubscriptionKey.parse("123@user").belongsTo(new UserId("123"))).isTrue();
        assertThat(SubscriptionKey.parse("123_x@user").belongsTo(new UserId("1234"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "123", "123@app", "123_@user", "_x@user", "123_a b@user", "123_a_b@user"})
    void malformed_keys_are_violations(String key) {
        assertThatThrownBy(() -> SubscriptionKey.parse(key)).isInstanceOf(DomainViolation.class);
    }
}
