package org.appmsg.domain.qun;

import java.util.List;

/**
 * The exact texts of group notices (R7, legacy spec §9; docs/groups.md lists who gets which). {@code actor}
 * and names are display names ({@link Member#displayName()}); {@code topic} is inserted verbatim between
 * ASCII double quotes, as the legacy server did.
 *
 * <p>A list of names is the first three joined with {@code 、}, always followed by {@code 等N人} where N is the
 * whole count, also when N is 3 or less ({@code 张三等1人}): PRODUCT.md asks for "等N人 in every list text",
 * and the legacy server also appended it for any N.
 */
public final class Notices {

    /** The most names a list shows before {@code 等N人}. */
    public static final int LISTED = 3;

    private Notices() {}

    /** {@code A、B、C等N人}: at most {@link #LISTED} names, then the total count. */
    public static String list(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a notice lists at least one name");
        }
        return String.join("、", names.subList(0, Math.min(LISTED, names.size()))) + "等" + names.size() + "人";
    }

    /** To the creator: {@code 您创建了群"T"} (legacy). */
    public static String youCreated(String topic) {
        return "您创建了群\"" + topic + "\"";
    }

    /** To every other member of a new group: {@code X邀请您加入了群聊"T"} (new; legacy sent nothing). */
    public static String invitedYouToNew(String actor, String topic) {
        return actor + "邀请您加入了群聊\"" + topic + "\"";
    }

    /** To the member who renamed: {@code 您修改了群名为"T"}. */
    public static String youRenamed(String topic) {
        return "您修改了群名为\"" + topic + "\"";
    }

    /** To every other member: {@code X修改了群名为"T"}. */
    public static String renamed(String actor, String topic) {
        return actor + "修改了群名为\"" + topic + "\"";
    }

    /** To the inviter: {@code 您邀请A、B等N人加入了群聊}. */
    public static String youInvited(List<String> added) {
        return "您邀请" + list(added) + "加入了群聊";
    }

    /** To each added member: {@code 您被X邀请加入群聊}. */
    public static String invitedYou(String actor) {
        return "您被" + actor + "邀请加入群聊";
    }

    /** To every other member: {@code X邀请A、B等N人加入了群聊}. */
    public static String invited(String actor, List<String> added) {
        return actor + "邀请" + list(added) + "加入了群聊";
    }

    /** To the remover: {@code 您将A、B等N人移出了群聊}. */
    public static String youRemoved(List<String> removed) {
        return "您将" + list(removed) + "移出了群聊";
    }

    /** To each removed member: {@code 您被X移出了群聊}. */
    public static String removedYou(String actor) {
        return "您被" + actor + "移出了群聊";
    }

    /** To every remaining member: {@code X将A、B等N人移出了群聊} (legacy wrote 移除 here; we use 移出 throughout). */
    public static String removed(String actor, List<String> removed) {
        return actor + "将" + list(removed) + "移出了群聊";
    }

    /** To the member who left: {@code 您退出了群聊}. */
    public static String youLeft() {
        return "您退出了群聊";
    }

    /** To every remaining member: {@code X退出了群聊}. */
    public static String left(String actor) {
        return actor + "退出了群聊";
    }
}
