package org.appmsg.domain.qun;

import java.util.Objects;
import org.appmsg.domain.shared.UserId;

/**
 * One group notice to deliver: {@code text} goes to {@code recipient} ({@code {uid}@user}) as a message with
 * {@code msgType} 51, {@code fromUserName} {@code {qid}@qun} and {@code fromDisplayName} the group's topic
 * after the change. The texts come from {@link Notices}.
 */
public record Notice(UserId recipient, String text) {

    public Notice {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(text, "text");
    }
}
