package org.appmsg.application.fake;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.appmsg.application.port.out.QuotaPermissions;
import org.appmsg.domain.shared.AppId;

public final class InMemoryQuotaPermissions implements QuotaPermissions {

    private final Map<AppId, Boolean> granted = new ConcurrentHashMap<>();

    @Override
    public boolean maySetQuotas(AppId application) {
        return granted.getOrDefault(application, false);
    }

    @Override
    public void setMaySetQuotas(AppId application, boolean allowed, Instant at) {
        granted.put(application, allowed);
    }
}
