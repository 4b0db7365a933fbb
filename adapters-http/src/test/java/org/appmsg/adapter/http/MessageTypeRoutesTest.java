package org.appmsg.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Stream;
import org.appmsg.application.port.in.SendMessageUseCase;
import org.appmsg.domain.file.FileUpload;
import org.appmsg.domain.message.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The msgType catalogue (docs/messages.md) on device push: a message that breaks its type's rules gets
 * 65534 naming the exact field and reaches no use case; one that keeps them reaches the use case with
 * {@code content} and {@code objectContent} unchanged.
 */
class MessageTypeRoutesTest extends RoutesTest {

    private static final String PUSH = "/app/client/device/push";
    private static final String BASE = "\"baseRequest\":{\"uid\":\"42\",\"deviceID\":\"Android-1\",\"deviceType\":\"Android\",\"token\":\"tok\"}";
    private static final String UPLOAD = "\"responseUpload\":{\"fid\":\"3,01637037d6\",\"fileName\":\"report.pdf\","
            + "\"fileUrl\":\"127.0.0.1:8080/3,01637037d6\",\"size\":2048}";

    /** A push of {@code msgType} with {@code content} and, unless null, {@code objectContent} (raw JSON). */
    private static String push(int msgType, String content, String objectContent) {
        return "{" + BASE + ",\"msg\":{\"fromUserName\":\"42@user\",\"toUserName\":\"43@user\",\"content\":\""
                + content + "\",\"msgType\":" + msgType
                + (objectContent == null ? "" : ",\"objectContent\":" + objectContent) + "}}";
    }

    /** A push of {@code msgType} whose objectContent is {@code {"responseUpload":{<upload>}<more>}}. */
    private static String upload(int msgType, String upload, String more) {
        return push(msgType, "", "{\"responseUpload\":{" + upload + "}" + more + "}");
    }

    private static String fileFields(String fid, String fileName, String fileUrl, String size) {
        StringBuilder b = new StringBuilder();
        for (String field : new String[] {fid, fileName, fileUrl, size}) {
            if (field != null) {
                b.append(b.isEmpty() ? "" : ",").append(field);
            }
        }
        return b.toString();
    }

    private static final String FID = "\"fid\":\"3,01637037d6\"";
    private static final String NAME = "\"fileName\":\"report.pdf\"";
    private static final String URL = "\"fileUrl\":\"127.0.0.1:8080/3,01637037d6\"";
    private static final String SIZE = "\"size\":2048";

    static Stream<Arguments> refused() {
        String up = "{" + UPLOAD;
        return Stream.of(
                arguments("file without objectContent", push(2, "", null), "msg.objectContent is required for msgType 2 (file)"),
                arguments("file with objectContent null", push(2, "", "null"), "msg.objectContent is required for msgType 2 (file)"),
                arguments("file objectContent an array", push(2, "", "[]"), "msg.objectContent must be an object"),
                arguments("file without responseUpload", push(2, "", "{\"fid\":\"x\"}"), "msg.objectContent.responseUpload is required for msgType 2 (file)"),
                arguments("file responseUpload a string", push(2, "", "{\"responseUpload\":\"x\"}"), "msg.objectContent.responseUpload must be an object"),
                arguments("file size a string", upload(2, fileFields(FID, NAME, URL, "\"size\":\"12\""), ""), "msg.objectContent.responseUpload.size must be an integer ≥ 0"),
                arguments("file size -1", upload(2, fileFields(FID, NAME, URL, "\"size\":-1"), ""), "msg.objectContent.responseUpload.size must be an integer ≥ 0"),
                arguments("file size 1.5", upload(2, fileFields(FID, NAME, URL, "\"size\":1.5"), ""), "msg.objectContent.responseUpload.size must be an integer ≥ 0"),
                arguments("file size 1e400", upload(2, fileFields(FID, NAME, URL, "\"size\":1e400"), ""), "msg.objectContent.responseUpload.size must be an integer ≥ 0"),
                arguments("file size missing", upload(2, fileFields(FID, NAME, URL, null), ""), "msg.objectContent.responseUpload.size is required for msgType 2 (file)"),
                arguments("file fileUrl missing", upload(2, fileFields(FID, NAME, null, SIZE), ""), "msg.objectContent.responseUpload.fileUrl is required for msgType 2 (file)"),
                arguments("file fileUrl javascript:", upload(2, fileFields(FID, NAME, "\"fileUrl\":\"javascript:alert(1)\"", SIZE), ""), "msg.objectContent.responseUpload.fileUrl must be an http(s) URL or host:port/path"),
                arguments("file fileUrl without a path", upload(2, fileFields(FID, NAME, "\"fileUrl\":\"127.0.0.1:8080\"", SIZE), ""), "msg.objectContent.responseUpload.fileUrl must be an http(s) URL or host:port/path"),
                arguments("file fid empty", upload(2, fileFields("\"fid\":\"\"", NAME, URL, SIZE), ""), "msg.objectContent.responseUpload.fid must be a non-empty string of at most 255 characters"),
                arguments("file fid a number", upload(2, fileFields("\"fid\":3", NAME, URL, SIZE), ""), "msg.objectContent.responseUpload.fid must be a non-empty string of at most 255 characters"),
                arguments("file fileName missing", upload(2, fileFields(FID, null, URL, SIZE), ""), "msg.objectContent.responseUpload.fileName is required for msgType 2 (file)"),
                arguments("file fileName 256 characters", upload(2, fileFields(FID, "\"fileName\":\"" + "n".repeat(256) + "\"", URL, SIZE), ""), "msg.objectContent.responseUpload.fileName must be a non-empty string of at most 255 characters without control characters"),
                arguments("file fileName with a newline", upload(2, fileFields(FID, "\"fileName\":\"a\\nb\"", URL, SIZE), ""), "msg.objectContent.responseUpload.fileName must be a non-empty string of at most 255 characters without control characters"),
                arguments("image without responseUpload", push(3, "", "{\"width\":10}"), "msg.objectContent.responseUpload is required for msgType 3 (image)"),
                arguments("image width a string", push(3, "", up + ",\"width\":\"100\"}"), "msg.objectContent.width must be a number ≥ 0"),
                arguments("image height -1", push(3, "", up + ",\"height\":-1}"), "msg.objectContent.height must be a number ≥ 0"),
                arguments("image size 12.0", upload(3, fileFields(FID, NAME, URL, "\"size\":12.0"), ""), "msg.objectContent.responseUpload.size must be an integer ≥ 0"),
                arguments("voice without objectContent", push(4, "", null), "msg.objectContent is required for msgType 4 (voice)"),
                arguments("voice without duration", push(4, "", up + "}"), "msg.objectContent.duration is required for msgType 4 (voice)"),
                arguments("voice duration a string", push(4, "", up + ",\"duration\":\"3\"}"), "msg.objectContent.duration must be a number ≥ 0"),
                arguments("voice duration negative", push(4, "", up + ",\"duration\":-0.5}"), "msg.objectContent.duration must be a number ≥ 0"),
                arguments("voice without responseUpload", push(4, "", "{\"duration\":3}"), "msg.objectContent.responseUpload is required for msgType 4 (voice)"),
                arguments("link without url", push(5, "", "{\"title\":\"x\"}"), "msg.objectContent.url is required for msgType 5 (link)"),
                arguments("link url javascript:", push(5, "", "{\"url\":\"javascript:alert(1)\"}"), "msg.objectContent.url must be an http(s) URL"),
                arguments("link url without a scheme", push(5, "", "{\"url\":\"example.org/x\"}"), "msg.objectContent.url must be an http(s) URL"),
                arguments("link url a number", push(5, "", "{\"url\":1}"), "msg.objectContent.url must be an http(s) URL"),
                arguments("link thumbUrl data:", push(5, "", "{\"url\":\"https://example.org\",\"thumbUrl\":\"data:image/png;base64,AA\"}"), "msg.objectContent.thumbUrl must be an http(s) URL"),
                arguments("link title a number", push(5, "", "{\"url\":\"https://example.org\",\"title\":1}"), "msg.objectContent.title must be a string"),
                arguments("link description an object", push(5, "", "{\"url\":\"https://example.org\",\"description\":{}}"), "msg.objectContent.description must be a string"),
                arguments("msgType 51", push(51, "notice", null), "msg.msgType 51 is reserved for server notices"),
                arguments("msgType 1001", push(1001, "1.2.3", null), "msg.msgType 1001 is reserved for client-version information sent by the server"),
                arguments("msgType -1", push(-1, "hi", null), "msg.msgType must be 0 or more (-1 is negative)"),
                arguments("msgType below int range", push(Integer.MIN_VALUE, "hi", null), "msg.msgType must be 0 or more (-2147483648 is negative)"),
                arguments("text with empty content", push(1, "", null), "msg.content must not be empty for msgType 1 (text)"),
                arguments("text with blank content", push(1, " \\t ", "{\"free\":true}"), "msg.content must not be empty for msgType 1 (text)"),
                arguments("custom type objectContent a string", push(7, "x", "\"{}\""), "msg.objectContent must be an object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void a_message_that_breaks_its_type_is_refused_before_any_use_case(String name, String body, String problem) {
        var response = server.post(PUSH, body);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.ret()).as(response.body()).isEqualTo(65534);
        assertThat(response.errMsg()).isEqualTo(problem);
        assertThat(server.calls).isEmpty();
    }

    static Stream<Arguments> accepted() {
        String up = "{" + UPLOAD;
        return Stream.of(
                arguments("text without objectContent", 1, "hi", null),
                arguments("text with a free objectContent", 1, "hi", "{\"mentions\":[\"43@user\"],\"x\":{\"y\":null}}"),
                arguments("file as legacy clients send it", 2, "", up + "}"),
                arguments("file with an http URL, a unicode name and extra fields", 2, "[文件]",
                        "{\"responseUpload\":{\"fid\":\"7,0a1b\",\"fileName\":\"报告 2024.pdf\",\"fileUrl\":\"https://files.example.org/7,0a1b\","
                                + "\"size\":0,\"mime\":\"application/pdf\"},\"appId\":\"crm\"}"),
                arguments("file with a 64-bit size", 2, "", "{\"responseUpload\":{\"fid\":\"f\",\"fileName\":\"n\",\"fileUrl\":\"h:1/p\",\"size\":9223372036854775807}}"),
                arguments("image with dimensions", 3, "", up + ",\"width\":640,\"height\":480.5}"),
                arguments("image without dimensions", 3, "[image]", up + "}"),
                arguments("voice with a fractional duration", 4, "", up + ",\"duration\":3.5}"),
                arguments("voice of 0 seconds", 4, "", up + ",\"duration\":0}"),
                arguments("link with a preview", 5, "look", "{\"url\":\"https://example.org/a?b=c#d\",\"title\":\"Example\","
                        + "\"description\":\"\",\"thumbUrl\":\"http://img.example.org/t.png\"}"),
                arguments("link with a url only", 5, "", "{\"url\":\"http://example.org\"}"),
                arguments("custom type with anything", 7, "", "{\"a\":[1,2,{\"b\":\"javascript:x\"}],\"responseUpload\":\"free\"}"),
                arguments("custom type 0 without objectContent", 0, "", null),
                arguments("custom type 2^31-1", Integer.MAX_VALUE, "x", "{}"),
                arguments("custom type between known ones", 50, "", "{\"url\":1}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void a_message_that_keeps_its_type_reaches_the_use_case_unchanged(String name, int msgType, String content,
            String objectContent) {
        var response = server.post(PUSH, push(msgType, content, objectContent));

        assertThat(response.ret()).as(response.body()).isZero();
        var command = server.onlyCall(SendMessageUseCase.Command.class);
        assertThat(command.msgType()).isEqualTo(msgType);
        assertThat(command.content()).isEqualTo(content);
        assertThat(command.objectContent()).isEqualTo(objectContent == null ? "" : objectContent);
        assertThat(command.file().isPresent()).as("an upload, for the file link")
                .isEqualTo(MessageType.of(msgType).carriesFile());
    }

    @Test
    void a_file_message_passes_its_upload_to_the_use_case_and_a_text_message_none() {
        server.post(PUSH, upload(2, UPLOAD.substring("\"responseUpload\":{".length(), UPLOAD.length() - 1), ""));
        assertThat(server.onlyCall(SendMessageUseCase.Command.class).file()).contains(new FileUpload("3,01637037d6",
                "report.pdf", "127.0.0.1:8080/3,01637037d6", 2048));

        server.calls.clear();
        server.post(PUSH, push(1, "hi", "{" + UPLOAD + "}"));
        assertThat(server.onlyCall(SendMessageUseCase.Command.class).file()).isEmpty();
    }

    @Test
    void the_checker_reports_paths_under_any_prefix() throws Exception {
        JsonFields noUpload = holder("{\"objectContent\":{\"appId\":\"crm\"}}");
        JsonFields none = holder("{}");

        assertThatThrownBy(() -> MessageTypeCheck.check(2, noUpload, "", ""))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("objectContent.responseUpload is required for msgType 2 (file)");
        assertThatThrownBy(() -> MessageTypeCheck.check(51, none, "x", ""))
                .hasMessage("msgType 51 is reserved for server notices");
        assertThatThrownBy(() -> MessageTypeCheck.check(5, none, "x", "msgs[3]"))
                .hasMessage("msgs[3].objectContent is required for msgType 5 (link)");
        assertThat(MessageTypeCheck.check(9, noUpload, "", "")).isEqualTo(new MessageType.Custom(9));
        assertThat(MessageTypeCheck.check(2, holder("{\"objectContent\":{" + UPLOAD + "}}"), "", "msg"))
                .isEqualTo(MessageType.Known.FILE);
    }

    private static JsonFields holder(String json) throws Exception {
        return JsonFields.of((ObjectNode) JsonFields.MAPPER.readTree(json), "");
    }
}
