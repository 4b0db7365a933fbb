package org.appmsg.domain.quota;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which usage report (R5): one of three measures (API calls, pushes, stored recipients) summed along one
 * dimension: by key (the route of a call, the push type of a push), by customer, or by tenant (the ten tenants of
 * one customer that used the most). The wire name is {@code <measure>-by-<dimension>}, e.g. {@code push-by-type}.
 */
public enum ReportKind {
    API_BY_ROUTE("api-by-route", UsageCount.API_CNT, Dimension.KEY, "route"),
    API_BY_CUSTOMER("api-by-customer", UsageCount.API_CNT, Dimension.CUSTOMER, "customerId"),
    API_BY_TENANT("api-by-tenant", UsageCount.API_CNT, Dimension.TENANT, "tenantId"),
    PUSH_BY_TYPE("push-by-type", UsageCount.PUSH_CNT, Dimension.KEY, "pushType"),
    PUSH_BY_CUSTOMER("push-by-customer", UsageCount.PUSH_CNT, Dimension.CUSTOMER, "customerId"),
    PUSH_BY_TENANT("push-by-tenant", UsageCount.PUSH_CNT, Dimension.TENANT, "tenantId"),
    RECIPIENTS_BY_TYPE("recipients-by-type", UsageCount.RECIPIENTS, Dimension.KEY, "pushType"),
    RECIPIENTS_BY_CUSTOMER("recipients-by-customer", UsageCount.RECIPIENTS, Dimension.CUSTOMER, "customerId"),
    RECIPIENTS_BY_TENANT("recipients-by-tenant", UsageCount.RECIPIENTS, Dimension.TENANT, "tenantId");

    /** What a report's lines are: keys of the counter, customers, or the top tenants of one customer. */
    public enum Dimension {
        KEY,
        CUSTOMER,
        /** Needs a customer: the {@link UsageReport#TOP_TENANTS} tenants of it that used the most. */
        TENANT
    }

    private final String wire;
    private final String counter;
    private final Dimension dimension;
    private final String column;

    ReportKind(String wire, String counter, Dimension dimension, String column) {
        this.wire = wire;
        this.counter = counter;
        this.dimension = dimension;
        this.column = column;
    }

    /** The name on the command line and in {@code ?kind=}: {@code api-by-route}, … */
    public String wire() {
        return wire;
    }

    /** The {@link UsageCount#counter()} the report sums. */
    public String counter() {
        return counter;
    }

    public Dimension dimension() {
        return dimension;
    }

    /** The name of the lines' label column: {@code route}, {@code pushType}, {@code customerId}, {@code tenantId}. */
    public String column() {
        return column;
    }

    public static Optional<ReportKind> of(String wire) {
        return Arrays.stream(values()).filter(k -> k.wire.equals(wire)).findFirst();
    }

    /** Every wire name, comma-separated, for messages naming what is accepted. */
    public static String names() {
        return Arrays.stream(values()).map(ReportKind::wire).collect(Collectors.joining(", "));
    }
}
