package org.appmsg.application.service;

import java.util.Optional;
import org.appmsg.application.port.in.AuthenticateApplicationUseCase;
import org.appmsg.application.port.in.GetDeliveryStatusUseCase;
import org.appmsg.application.port.out.DeliveryStatusLog;
import org.appmsg.domain.message.DeliveryStatus;
import org.appmsg.domain.name.Kind;
import org.appmsg.domain.name.Name;

/**
 * Reads a message's delivery status: the operator any message's, an application only those it sent (from
 * {@code {appId}@app}); another sender's message is "not found" to it, so an application cannot probe ids.
 */
public final class DeliveryStatusService implements GetDeliveryStatusUseCase {

    private final AuthenticateApplicationUseCase applications;
    private final DeliveryStatusLog log;

    public DeliveryStatusService(AuthenticateApplicationUseCase applications, DeliveryStatusLog log) {
        this.applications = applications;
        this.log = log;
    }

    @Override
    public Result status(Query query) {
        Optional<Name> sender = Optional.empty();
        if (query.applicationToken().isPresent()) {
            var granted = applications.authenticate(query.applicationToken().get());
            if (granted.isEmpty()) {
                return new Result.Unauthorized();
            }
            sender = Optional.of(new Name(granted.get().application().id().value(), Kind.APP));
        }
        Optional<DeliveryStatus> status = log.find(query.message());
        if (status.isEmpty() || (sender.isPresent() && !status.get().from().equals(sender.get()))) {
            return new Result.NotFound();
        }
        return new Result.Status(status.get());
    }
}
