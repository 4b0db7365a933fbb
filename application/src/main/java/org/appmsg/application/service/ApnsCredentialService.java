package org.appmsg.application.service;

import java.time.Clock;
import java.util.Optional;
import org.appmsg.application.port.in.ManageApnsCredentialsUseCase;
import org.appmsg.application.port.out.ApnsCredentialStore;
import org.appmsg.application.port.out.ApnsGateway;
import org.appmsg.application.port.out.DirectoryRepository;
import org.appmsg.domain.apns.ApnsCredential;
import org.appmsg.domain.apns.ApnsScope;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.TenantId;

/**
 * The operator's APNs credentials: a credential is stored only for an existing customer or tenant and only once
 * the gateway could load its key or certificate, so a typo is an answer now, not a silent failure at the first
 * notification. A changed credential is used from the next notification on (the notifier re-reads credentials
 * within {@link NotifyDevicesService#CREDENTIAL_TTL}).
 */
public final class ApnsCredentialService implements ManageApnsCredentialsUseCase {

    private final DirectoryRepository directory;
    private final ApnsCredentialStore credentials;
    private final ApnsGateway gateway;
    private final Clock clock;

    public ApnsCredentialService(DirectoryRepository directory, ApnsCredentialStore credentials, ApnsGateway gateway,
            Clock clock) {
        this.directory = directory;
        this.credentials = credentials;
        this.gateway = gateway;
        this.clock = clock;
    }

    @Override
    public Result manage(Request request) {
        return switch (request) {
            case Request.Put put -> put(put);
            case Request.Read read -> credentials.find(read.scope()).<Result>map(Result.Credential::new)
                    .orElseGet(() -> new Result.NotFound(read.scope() + " has no APNs credential"));
            case Request.Delete delete -> credentials.delete(delete.scope()) ? new Result.Deleted()
                    : new Result.NotFound(delete.scope() + " has no APNs credential");
            case Request.ListAll all -> new Result.Credentials(credentials.all());
        };
    }

    private Result put(Request.Put put) {
        if (!exists(put.scope())) {
            return new Result.NotFound(put.scope() + " does not exist");
        }
        ApnsCredential credential = new ApnsCredential(put.scope(), put.topic(), put.environment(), put.auth(),
                clock.instant());
        Optional<String> problem = gateway.problemWith(credential);
        if (problem.isPresent()) {
            return new Result.Unusable(problem.get());
        }
        credentials.save(credential);
        return new Result.Credential(credential);
    }

    private boolean exists(ApnsScope scope) {
        return switch (scope.kind()) {
            case CUSTOMER -> directory.findCustomer(new CustomerId(scope.id())).isPresent();
            case TENANT -> directory.findTenant(new TenantId(scope.id())).isPresent();
        };
    }
}
