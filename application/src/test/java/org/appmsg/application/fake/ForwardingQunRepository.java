package org.appmsg.application.fake;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.appmsg.application.port.out.QunRepository;
import org.appmsg.domain.qun.Changes;
import org.appmsg.domain.qun.Qun;
import org.appmsg.domain.qun.QunId;
import org.appmsg.domain.shared.UserId;

/** A {@link QunRepository} that passes every call to another: tests override the calls they count or disturb. */
public class ForwardingQunRepository implements QunRepository {

    private final QunRepository target;

    public ForwardingQunRepository(QunRepository target) {
        this.target = target;
    }

    @Override
    public Optional<Versioned> find(QunId id) {
        return target.find(id);
    }

    @Override
    public OptionalLong version(QunId id) {
        return target.version(id);
    }

    @Override
    public List<QunId> qunsOf(UserId user) {
        return target.qunsOf(user);
    }

    @Override
    public Applied apply(Qun after, long expectedVersion, Changes changes, List<NoticeDelivery> notices) {
        return target.apply(after, expectedVersion, changes, notices);
    }
}
