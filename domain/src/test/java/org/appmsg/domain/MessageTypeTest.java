package org.appmsg.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.appmsg.domain.message.FieldRule;
import org.appmsg.domain.message.FieldRule.Value;
import org.appmsg.domain.message.MessageType;
import org.appmsg.domain.message.MessageType.Known;
import org.appmsg.domain.shared.DomainViolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageTypeTest {

    @Test
    void the_catalogue_numbers_each_known_type_once() {
        assertThat(List.of(Known.values())).extracting(MessageType::code)
                .containsExactly(1, 2, 3, 4, 5, 51, 1001);
        for (Known k : Known.values()) {
            assertThat(MessageType.of(k.code())).isSameAs(k);
        }
    }

    @Test
    void text_needs_content_and_nothing_in_object_content() {
        assertThat(Known.TEXT.contentRequired()).isTrue();
        assertThat(Known.TEXT.objectContent()).isEmpty();
        assertThat(Known.TEXT.objectContentRequired()).isFalse();
    }

    @Test
    void a_file_needs_the_legacy_response_upload() {
        assertThat(Known.FILE.objectContentRequired()).isTrue();
        assertThat(Known.FILE.contentRequired()).isFalse();
        assertThat(Known.FILE.objectContent()).containsExactly(
                new FieldRule("responseUpload", Value.OBJECT, true),
                new FieldRule("responseUpload.fid", Value.ID, true),
                new FieldRule("responseUpload.fileName", Value.FILE_NAME, true),
                new FieldRule("responseUpload.fileUrl", Value.FILE_URL, true),
                new FieldRule("responseUpload.size", Value.COUNT, true));
    }

    @Test
    void image_and_voice_are_files_with_more_fields() {
        assertThat(Known.IMAGE.objectContent()).startsWith(Known.FILE.objectContent().toArray(FieldRule[]::new))
                .endsWith(new FieldRule("width", Value.MEASURE, false), new FieldRule("height", Value.MEASURE, false));
        assertThat(Known.VOICE.objectContent()).startsWith(Known.FILE.objectContent().toArray(FieldRule[]::new))
                .endsWith(new FieldRule("duration", Value.MEASURE, true));
    }

    @Test
    void a_link_needs_a_url_and_may_have_a_preview() {
        assertThat(Known.LINK.objectContent()).containsExactly(
                new FieldRule("url", Value.WEB_URL, true),
                new FieldRule("title", Value.STRING, false),
                new FieldRule("description", Value.STRING, false),
                new FieldRule("thumbUrl", Value.WEB_URL, false));
    }

    @Test
    void other_numbers_are_custom_types_without_rules() {
        for (int code : new int[] {0, 6, 50, 52, 1000, 1002, Integer.MAX_VALUE}) {
            MessageType type = MessageType.sentByClient(code);
            assertThat(type).isEqualTo(new MessageType.Custom(code));
            assertThat(type.objectContent()).isEmpty();
            assertThat(type.contentRequired()).isFalse();
            assertThat(type.reservedFor()).isEmpty();
        }
        assertThatThrownBy(() -> new MessageType.Custom(2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void negative_types_are_violations() {
        assertThatThrownBy(() -> MessageType.of(-1)).isInstanceOf(DomainViolation.class)
                .hasMessage("msgType must be 0 or more (-1 is negative)");
        assertThatThrownBy(() -> MessageType.sentByClient(Integer.MIN_VALUE)).isInstanceOf(DomainViolation.class);
    }

    @Test
    void clients_may_not_send_the_server_only_types() {
        assertThat(MessageType.of(51)).isEqualTo(Known.GROUP_NOTICE);
        assertThatThrownBy(() -> MessageType.sentByClient(51)).isInstanceOf(DomainViolation.class)
                .hasMessage("msgType 51 is reserved for server notices")
                .extracting(e -> ((DomainViolation) e).code()).isEqualTo("message.type_reserved");
        assertThatThrownBy(() -> MessageType.sentByClient(1001)).isInstanceOf(DomainViolation.class)
                .hasMessageStartingWith("msgType 1001 is reserved for client-version information");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.org", "https://example.org/a/b?c=d#e", "HTTPS://EXAMPLE.ORG/",
            "http://10.0.0.5:8080/3,01637037d6", "https://zh.wikipedia.org/wiki/中文"})
    void web_urls_are_absolute_http_urls_with_a_host(String url) {
        assertThat(Value.WEB_URL.accepts(url)).isTrue();
        assertThat(Value.FILE_URL.accepts(url)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "javascript:alert(1)", "JavaScript://example.org/%0aalert(1)", "data:text/html,x",
            "ftp://example.org/f", "//example.org/x", "/relative", "example.org/x", "http://", "http:///path",
            "http://user:pw@example.org/", "https://example.org/a b", "https://example.org/\u202Egnp.exe",
            "http://exa mple.org"})
    void other_strings_are_not_web_urls(String url) {
        assertThat(Value.WEB_URL.accepts(url)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:8080/3,01637037d6", "weed.internal:9333/7,0a1b2c", "files.example.org/x.png"})
    void file_urls_may_be_the_legacy_scheme_less_host_port_path(String url) {
        assertThat(Value.FILE_URL.accepts(url)).isTrue();
        assertThat(Value.WEB_URL.accepts(url)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "127.0.0.1:8080", "127.0.0.1:8080/", "mailto:a@b.org/x",
            "user@host:80/x", ":80/x", "host:port/x", "file:///etc/passwd", "ftp://h/x", "h/x y"})
    void other_strings_are_not_file_urls(String url) {
        assertThat(Value.FILE_URL.accepts(url)).isFalse();
    }

    @Test
    void urls_are_bounded() {
        String longUrl = "https://example.org/" + "a".repeat(MessageType.MAX_URL);
        assertThat(Value.WEB_URL.accepts(longUrl)).isFalse();
        assertThat(Value.WEB_URL.accepts(longUrl.substring(0, MessageType.MAX_URL))).isTrue();
    }

    @Test
    void ids_and_file_names_are_short_visible_text() {
        assertThat(Value.ID.accepts("3,01637037d6")).isTrue();
        assertThat(Value.ID.accepts(" ")).isFalse();
        assertThat(Value.ID.accepts("f".repeat(256))).isFalse();
        assertThat(Value.FILE_NAME.accepts("报告 2024.pdf")).isTrue();
        assertThat(Value.FILE_NAME.accepts("n".repeat(255))).isTrue();
        assertThat(Value.FILE_NAME.accepts("n".repeat(256))).isFalse();
        assertThat(Value.FILE_NAME.accepts("")).isFalse();
        assertThat(Value.FILE_NAME.accepts("a\nb.txt")).isFalse();
        assertThat(Value.STRING.accepts("")).isTrue();
    }

    @Test
    void counts_are_whole_non_negative_numbers_as_written() {
        assertThat(Value.COUNT.accepts(new BigDecimal("0"))).isTrue();
        assertThat(Value.COUNT.accepts(new BigDecimal("12"))).isTrue();
        assertThat(Value.COUNT.accepts(BigDecimal.valueOf(Long.MAX_VALUE))).isTrue();
        assertThat(Value.COUNT.accepts(BigDecimal.valueOf(Long.MAX_VALUE).add(BigDecimal.ONE))).isFalse();
        assertThat(Value.COUNT.accepts(new BigDecimal("-1"))).isFalse();
        assertThat(Value.COUNT.accepts(new BigDecimal("12.0"))).isFalse();
        assertThat(Value.COUNT.accepts(new BigDecimal("1.5"))).isFalse();
    }

    @Test
    void measures_are_non_negative_numbers() {
        assertThat(Value.MEASURE.accepts(new BigDecimal("0"))).isTrue();
        assertThat(Value.MEASURE.accepts(new BigDecimal("3.25"))).isTrue();
        assertThat(Value.MEASURE.accepts(new BigDecimal("-0.5"))).isFalse();
    }

    @Test
    void a_value_refuses_input_of_the_wrong_shape() {
        assertThat(Value.COUNT.accepts("12")).isFalse();
        assertThat(Value.WEB_URL.accepts(BigDecimal.ONE)).isFalse();
        assertThat(Value.OBJECT.shape()).isEqualTo(FieldRule.Shape.OBJECT);
        assertThat(Value.COUNT.expectation()).isEqualTo("an integer ≥ 0");
    }

    @Test
    void field_paths_are_dotted_names() {
        assertThatThrownBy(() -> new FieldRule("a..b", Value.STRING, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FieldRule("", Value.STRING, true)).isInstanceOf(IllegalArgumentException.class);
    }
}
