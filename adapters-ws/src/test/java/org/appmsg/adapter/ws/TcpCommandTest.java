package org.appmsg.adapter.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.appmsg.adapter.ws.SubscribeRequest.Parsed;
import org.appmsg.domain.session.SubscriptionKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TcpCommandTest {

    @Test
    void a_full_command_with_the_mid_extension_parses() throws IOException {
        List<String> args = read("*6\r\n$3\r\nsub\r\n$16\r\n7_Android-a@user\r\n$2\r\n60\r\n$3\r\ntok\r\n$3\r\n1.0\r\n$2\r\n12\r\n");

        assertThat(TcpCommand.parse(args, 30)).isInstanceOfSatisfying(Parsed.Valid.class, valid -> {
            assertThat(valid.request().key()).isEqualTo(SubscriptionKey.parse("7_Android-a@user"));
            assertThat(valid.request().heartbeatSeconds()).isEqualTo(60);
            assertThat(valid.request().token().value()).isEqualTo("tok");
            assertThat(valid.request().newFormat()).isTrue();
            assertThat(valid.request().resumeAfter()).hasValue(12);
        });
    }

    @Test
    void empty_version_and_mid_arguments_mean_none() {
        Parsed parsed = TcpCommand.parse(List.of("sub", "7@user", "30", "tok", "", ""), 30);

        assertThat(parsed).isInstanceOfSatisfying(Parsed.Valid.class, valid -> {
            assertThat(valid.request().newFormat()).isFalse();
            assertThat(valid.request().resumeAfter()).isEmpty();
        });
    }

    @Test
    void an_unknown_command_or_missing_arguments_are_bad_parameters() {
        assertThat(TcpCommand.parse(List.of("pub", "7@user", "30", "tok"), 30)).isInstanceOf(Parsed.BadParams.class);
        assertThat(TcpCommand.parse(List.of("sub", "7@user"), 30)).isInstanceOf(Parsed.BadParams.class);
        assertThat(TcpCommand.parse(List.of("sub", "7@user", "30", "tok", "", "x"), 30)).isInstanceOf(Parsed.BadParams.class);
    }

    @Test
    void a_missing_or_empty_token_is_no_token() {
        assertThat(TcpCommand.parse(List.of("sub", "7@user", "30"), 30)).isInstanceOf(Parsed.NoToken.class);
        assertThat(TcpCommand.parse(List.of("sub", "7@user", "30", "", "1"), 30)).isInstanceOf(Parsed.NoToken.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "$1\r\n", "*\r\n", "*1\n", "*0\r\n", "*7\r\n", "*12345\r\n", "*1\r\n$-1\r\n", "*1\r\n$513\r\n",
        "*1\r\n$4\r\nsub\r\n", "*1\r\n$2\r\nsub\r\n", "*1\r\n$3\r\nsu\u00ff\r\n", "*1\r\n$3\r\nsu\n\r\n", "*2\r\n$3\r\nsub\r\n",
    })
    void malformed_framing_is_rejected(String raw) {
        assertThatThrownBy(() -> read(raw)).isInstanceOf(IOException.class);
    }

    @Test
    void an_argument_of_the_maximum_length_is_accepted() throws IOException {
        String max = "k".repeat(TcpCommand.MAX_ARG_BYTES);

        assertThat(read("*1\r\n$512\r\n" + max + "\r\n")).containsExactly(max);
    }

    private static List<String> read(String raw) throws IOException {
        return TcpCommand.read(new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)));
    }
}
