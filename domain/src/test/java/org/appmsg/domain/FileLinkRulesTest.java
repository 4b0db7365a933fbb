package org.appmsg.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.appmsg.domain.file.FileUpload;
import org.appmsg.domain.shared.RetrySchedule;
import org.appmsg.domain.message.MessageType;
import org.appmsg.domain.shared.DomainViolation;
import org.junit.jupiter.api.Test;

class FileLinkRulesTest {

    @Test
    void file_image_and_voice_carry_a_file_and_the_other_types_do_not() {
        assertThat(MessageType.of(2).carriesFile()).isTrue();
        assertThat(MessageType.of(3).carriesFile()).isTrue();
        assertThat(MessageType.of(4).carriesFile()).isTrue();
        assertThat(MessageType.of(1).carriesFile()).isFalse();
        assertThat(MessageType.of(5).carriesFile()).isFalse();
        assertThat(MessageType.of(77).carriesFile()).isFalse();
    }

    @Test
    void an_upload_needs_an_id_a_name_a_url_and_a_size_of_0_or_more() {
        assertThat(new FileUpload("3,01637037d6", "a.png", "127.0.0.1:8080/3,01637037d6", 0).size()).isZero();
        assertThatThrownBy(() -> new FileUpload(" ", "a.png", "h:1/x", 1)).isInstanceOf(DomainViolation.class);
        assertThatThrownBy(() -> new FileUpload("f", "a.png", "h:1/x", -1)).isInstanceOf(DomainViolation.class);
        assertThatThrownBy(() -> new FileUpload("f".repeat(256), "a.png", "h:1/x", 1))
                .isInstanceOf(DomainViolation.class);
    }

    @Test
    void retries_start_after_the_first_delay_double_and_stop_growing_at_the_cap() {
        RetrySchedule schedule = RetrySchedule.DEFAULT;

        assertThat(schedule.delayAfter(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(schedule.delayAfter(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(schedule.delayAfter(6)).isEqualTo(Duration.ofMinutes(32));
        assertThat(schedule.delayAfter(7)).isEqualTo(Duration.ofHours(1));
        assertThat(schedule.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofHours(1));
        assertThat(schedule.nextAttempt(3, Instant.EPOCH)).isEqualTo(Instant.EPOCH.plus(Duration.ofMinutes(4)));
        assertThatThrownBy(() -> schedule.delayAfter(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(Duration.ofMinutes(2), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
