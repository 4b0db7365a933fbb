package org.appmsg.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.appmsg.domain.qun.Notices;
import org.junit.jupiter.api.Test;

class QunNoticesTest {

    private static List<String> names(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> "用户" + i).toList();
    }

    @Test
    void a_list_of_one_still_says_how_many() {
        assertThat(Notices.list(List.of("张三"))).isEqualTo("张三等1人");
    }

    @Test
    void a_list_of_three_shows_all_three_and_the_count() {
        assertThat(Notices.list(names(3))).isEqualTo("用户1、用户2、用户3等3人");
    }

    @Test
    void a_list_of_four_shows_the_first_three_and_the_total() {
        assertThat(Notices.list(names(4))).isEqualTo("用户1、用户2、用户3等4人");
    }

    @Test
    void a_list_of_ten_shows_the_first_three_and_the_total() {
        assertThat(Notices.list(names(10))).isEqualTo("用户1、用户2、用户3等10人");
    }

    @Test
    void an_empty_list_is_a_programming_error() {
        assertThatThrownBy(() -> Notices.list(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void creation_texts() {
        assertThat(Notices.youCreated("项目组")).isEqualTo("您创建了群\"项目组\"");
        assertThat(Notices.invitedYouToNew("张三", "项目组")).isEqualTo("张三邀请您加入了群聊\"项目组\"");
    }

    @Test
    void rename_texts_keep_quotes_in_the_topic_verbatim() {
        assertThat(Notices.youRenamed("\"A\" 组")).isEqualTo("您修改了群名为\"\"A\" 组\"");
        assertThat(Notices.renamed("张三", "\"A\" 组")).isEqualTo("张三修改了群名为\"\"A\" 组\"");
    }

    @Test
    void add_texts() {
        assertThat(Notices.youInvited(List.of("李四", "王五"))).isEqualTo("您邀请李四、王五等2人加入了群聊");
        assertThat(Notices.invitedYou("张三")).isEqualTo("您被张三邀请加入群聊");
        assertThat(Notices.invited("张三", names(4))).isEqualTo("张三邀请用户1、用户2、用户3等4人加入了群聊");
    }

    @Test
    void remove_texts_say_yi_chu_everywhere() {
        assertThat(Notices.youRemoved(List.of("李四"))).isEqualTo("您将李四等1人移出了群聊");
        assertThat(Notices.removedYou("张三")).isEqualTo("您被张三移出了群聊");
        assertThat(Notices.removed("张三", names(10))).isEqualTo("张三将用户1、用户2、用户3等10人移出了群聊");
    }

    @Test
    void leave_texts() {
        assertThat(Notices.youLeft()).isEqualTo("您退出了群聊");
        assertThat(Notices.left("张三")).isEqualTo("张三退出了群聊");
    }
}
