package org.appmsg.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.appmsg.domain.message.RetryWindow;
import org.appmsg.domain.name.Kind;
import org.appmsg.domain.name.Name;
import org.junit.jupiter.api.Test;

class RetryWindowTest {

    private static final Name ALICE = new Name("alice", Kind.USER);
    private static final Name APP = new Name("alice", Kind.APP);

    @Test
    void a_push_without_an_id_of_its_own_is_never_a_retry() {
        assertThat(RetryWindow.key(ALICE, "", "hi")).isEmpty();
        assertThat(RetryWindow.key(ALICE, "  ", "hi")).isEmpty();
        assertThat(RetryWindow.key(ALICE, null, "hi")).isEmpty();
    }

    @Test
    void the_key_tells_senders_ids_and_requests_apart_exactly() {
        assertThat(RetryWindow.key(ALICE, "\"m1\"", "hi")).isEqualTo(RetryWindow.key(ALICE, "\"m1\"", "hi"));
        assertThat(RetryWindow.key(ALICE, "\"m1\"", "hi")).isNotEqualTo(RetryWindow.key(ALICE, "\"M1\"", "hi"));
        assertThat(RetryWindow.key(ALICE, "m1", "hi")).isNotEqualTo(RetryWindow.key(APP, "m1", "hi"));
        assertThat(RetryWindow.key(ALICE, "m1", "hi")).as("same id, another message")
                .isNotEqualTo(RetryWindow.key(ALICE, "m1", "hello"));
        assertThat(RetryWindow.key(ALICE, "a\nb", "c")).isNotEqualTo(RetryWindow.key(ALICE, "a", "b\nc"));
    }

    @Test
    void an_id_is_remembered_for_ten_minutes() {
        Instant at = Instant.parse("2026-12-04T10:00:00Z");
        assertThat(RetryWindow.keptUntil(at)).isEqualTo(at.plus(Duration.ofMinutes(10)));
    }
}
