package org.appmsg.adapter.ws;

import static org.assertj.core.api.Assertions.assertThat;

import org.appmsg.adapter.ws.SubscribeRequest.Parsed;
import org.appmsg.domain.session.SubscriptionKey;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SubscribeRequestTest {

    @Test
    void a_full_query_parses_url_decoded() {
        Parsed parsed = SubscribeRequest.parse("/sub?key=7_Android-abc%40user&heartbeat=60&token=t%2Bk&ver=2&mid=12", 30);

        assertThat(parsed).isInstanceOfSatisfying(Parsed.Valid.class, valid -> {
            SubscribeRequest request = valid.request();
            assertThat(request.key()).isEqualTo(SubscriptionKey.parse("7_Android-abc@user"));
            assertThat(request.heartbeatSeconds()).isEqualTo(60);
            assertThat(request.token().value()).isEqualTo("t+k");
            assertThat(request.newFormat()).isTrue();
            assertThat(request.resumeAfter()).hasValue(12);
        });
    }

    @Test
    void without_ver_and_mid_the_legacy_format_is_live_only() {
        Parsed parsed = SubscribeRequest.parse("/sub?key=7@user&heartbeat=30&token=t&ver=", 30);

        assertThat(parsed).isInstanceOfSatisfying(Parsed.Valid.class, valid -> {
            assertThat(valid.request().newFormat()).isFalse();
            assertThat(valid.request().resumeAfter()).isEmpty();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/sub?heartbeat=30&token=t",
        "/sub?key=&heartbeat=30&token=t",
        "/sub?key=7@qun&heartbeat=30&token=t",
        "/sub?key=7_@user&heartbeat=30&token=t",
        "/sub?key=7@user&token=t",
        "/sub?key=7@user&heartbeat=abc&token=t",
        "/sub?key=7@user&heartbeat=29&token=t",
        "/sub?key=7@user&heartbeat=3601&token=t",
        "/sub?key=7@user&heartbeat=-30&token=t",
        "/sub?key=7@user&heartbeat=30&token=t&mid=-1",
        "/sub?key=7@user&heartbeat=30&token=t&mid=x",
        "/sub?key=7@user&heartbeat=30&token=t&mid=",
        "/sub?key=%zz&heartbeat=30&token=t",
        "/sub",
    })
    void bad_parameters_are_answered_with_p(String resource) {
        assertThat(SubscribeRequest.parse(resource, 30)).isInstanceOf(Parsed.BadParams.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/sub?key=7@user&heartbeat=30", "/sub?key=7@user&heartbeat=30&token=", "/sub?key=7@user&heartbeat=30&token=%20"})
    void a_missing_token_is_answered_with_a(String resource) {
        assertThat(SubscribeRequest.parse(resource, 30)).isInstanceOf(Parsed.NoToken.class);
    }

    @Test
    void the_first_of_repeated_parameters_counts() {
        Parsed parsed = SubscribeRequest.parse("/sub?key=7@user&key=8@user&heartbeat=30&token=t", 30);

        assertThat(parsed).isInstanceOfSatisfying(Parsed.Valid.class,
                valid -> assertThat(valid.request().key().user().value()).isEqualTo("7"));
    }

    @Test
    void the_path_ends_at_the_query() {
        assertThat(SubscribeRequest.path("/sub?key=1")).isEqualTo("/sub");
        assertThat(SubscribeRequest.path("/other")).isEqualTo("/other");
    }
}
