package org.appmsg.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.appmsg.domain.shared.DomainViolation;
import org.appmsg.domain.shared.Ids;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdsTest {

    private static final String SIXTY_FOUR = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    @ParameterizedTest
    @ValueSource(strings = {"1", "Z", "23622391649384525", "org.sales:east-1", "a-", "9.9", SIXTY_FOUR})
    void well_formed_ids_pass_unchanged(String id) {
        assertThat(Ids.check("userId", id)).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-a", ".a", ":a", "a_b", "a@b", "a b", "a/b", "é", "a\u00e9", "a\n", SIXTY_FOUR + "a"})
    void malformed_ids_are_violations_naming_the_field(String id) {
        assertThatThrownBy(() -> Ids.check("userId", id)).isInstanceOf(DomainViolation.class)
                .hasMessageContaining("userId must be 1-64 characters");
    }

    @Test
    void an_empty_or_absent_id_is_missing() {
        assertThatThrownBy(() -> Ids.check("userId", "")).isInstanceOf(DomainViolation.class)
                .hasMessage("userId is required");
        assertThatThrownBy(() -> Ids.check("userId", null)).isInstanceOf(DomainViolation.class)
                .hasMessage("userId is required");
    }
}
