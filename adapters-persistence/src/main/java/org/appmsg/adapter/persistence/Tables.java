package org.appmsg.adapter.persistence;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/** The tables of the migrations (db/migration) as jOOQ names (no code generation); times are epoch milliseconds. */
final class Tables {

    private Tables() {}

    private static <T> Field<T> column(String table, String column, DataType<T> type) {
        return field(name(table, column), type);
    }

    static final class Customers {
        static final Table<Record> TABLE = table(name("customer"));
        static final Field<String> ID = column("customer", "id", SQLDataType.VARCHAR(64));
        static final Field<String> NAME = column("customer", "name", SQLDataType.VARCHAR(128));
        static final Field<Long> CREATED = column("customer", "created", SQLDataType.BIGINT);
        static final Field<Long> UPDATED = column("customer", "updated", SQLDataType.BIGINT);
    }

    static final class Tenants {
        static final Table<Record> TABLE = table(name("tenant"));
        static final Field<String> ID = column("tenant", "id", SQLDataType.VARCHAR(64));
        static final Field<String> CODE = column("tenant", "code", SQLDataType.VARCHAR(64));
        static final Field<String> NAME = column("tenant", "name", SQLDataType.VARCHAR(128));
        static final Field<String> CUSTOMER_ID = column("tenant", "customer_id", SQLDataType.VARCHAR(64));
        static final Field<Integer> STATUS = column("tenant", "status", SQLDataType.INTEGER);
        static final Field<Long> CREATED = column("tenant", "created", SQLDataType.BIGINT);
        static final Field<Long> UPDATED = column("tenant", "updated", SQLDataType.BIGINT);
    }

    static final class Applications {
        static final Table<Record> TABLE = table(name("application"));
        static final Field<String> ID = column("application", "id", SQLDataType.VARCHAR(64));
        static final Field<String> NAME = column("application", "name", SQLDataType.VARCHAR(128));
        static final Field<String> TENANT_ID = column("application", "tenant_id", SQLDataType.VARCHAR(64));
        static final Field<String> TOKEN_DIGEST = column("application", "token_digest", SQLDataType.CHAR(64));
        static final Field<Boolean> ENABLED = column("application", "enabled", SQLDataType.BOOLEAN);
        /** {@code tenant} or {@code customer}: {@link org.appmsg.domain.tenant.ApplicationScope#wire()}. */
        static final Field<String> SCOPE = column("application", "scope", SQLDataType.VARCHAR(16));
        static final Field<Long> CREATED = column("application", "created", SQLDataType.BIGINT);
        static final Field<Long> UPDATED = column("application", "updated", SQLDataType.BIGINT);
    }

    static final class Users {
        static final Table<Record> TABLE = table(name("app_user"));
        static final Field<String> ID = column("app_user", "id", SQLDataType.VARCHAR(64));
        static final Field<String> TENANT_ID = column("app_user", "tenant_id", SQLDataType.VARCHAR(64));
        static final Field<String> NAME = column("app_user", "name", SQLDataType.VARCHAR(64));
        static final Field<String> NICKNAME = column("app_user", "nickname", SQLDataType.VARCHAR(128));
        static final Field<String> EMAIL = column("app_user", "email", SQLDataType.VARCHAR(128));
        static final Field<String> MOBILE = column("app_user", "mobile", SQLDataType.VARCHAR(32));
        static final Field<String> AVATAR = column("app_user", "avatar", SQLDataType.VARCHAR(256));
        static final Field<String> STATUS = column("app_user", "status", SQLDataType.VARCHAR(16));
        static final Field<String> PY_INITIAL = column("app_user", "py_initial", SQLDataType.VARCHAR(64));
        static final Field<String> PY_QUANPIN = column("app_user", "py_quanpin", SQLDataType.VARCHAR(256));
        static final Field<String> AREA = column("app_user", "area", SQLDataType.VARCHAR(128));
        static final Field<String> PASSWORD_HASH = column("app_user", "password_hash", SQLDataType.VARCHAR(255));
        static final Field<Long> CREATED = column("app_user", "created", SQLDataType.BIGINT);
        static final Field<Long> UPDATED = column("app_user", "updated", SQLDataType.BIGINT);
    }

    /** See V2__directory.sql: {@code location} is the materialised path of {@code node} numbers. */
    static final class Orgs {
        static final Table<Record> TABLE = table(name("org"));
        static final Field<String> ID = column("org", "id", SQLDataType.VARCHAR(64));
        static final Field<String> TENANT_ID = column("org", "tenant_id", SQLDataType.VARCHAR(64));
        static final Field<String> PARENT_ID = column("org", "parent_id", SQLDataType.VARCHAR(64));
        static final Field<String> NAME = column("org", "name", SQLDataType.VARCHAR(128));
        static final Field<String> SHORT_NAME = column("org", "short_name", SQLDataType.VARCHAR(128));
        static final Field<String> LOCATION = column("org", "location", SQLDataType.VARCHAR(512));
        static final Field<Integer> SORT = column("org", "sort", SQLDataType.INTEGER);
        static final Field<Long> CREATED = column("org", "created", SQLDataType.BIGINT);
        static final Field<Long> UPDATED = column("org", "updated", SQLDataType.BIGINT);
    }

    /** One row per tenant that has orgs: the lock every org save takes, and the tenant's next node number. */
    static final class OrgTrees {
        static final Table<Record> TABLE = table(name("org_tree"));
        static final Field<String> TENANT_ID = column("org_tree", "tenant_id", SQLDataType.VARCHAR(64));
        static final Field<Long> NEXT_NODE = column("org_tree", "next_node", SQLDataType.BIGINT);
    }

    static final class OrgUsers {
        static final Table<Record> TABLE = table(name("org_user"));
        static final Field<String> ORG_ID = column("org_user", "org_id", SQLDataType.VARCHAR(64));
        static final Field<String> USER_ID = column("org_user", "user_id", SQLDataType.VARCHAR(64));
        static final Field<Integer> SORT = column("org_user", "sort", SQLDataType.INTEGER);
    }

    static final class Contacts {
        static final Table<Record> TABLE = table(name("user_contact"));
        static final Field<String> OWNER_ID = column("user_contact", "owner_id", SQLDataType.VARCHAR(64));
        static final Field<String> CONTACT_ID = column("user_contact", "contact_id", SQLDataType.VARCHAR(64));
        static final Field<Long> CREATED = column("user_contact", "created", SQLDataType.BIGINT);
    }

    /** See V3__shields.sql: who shields which application's messages (type 1). */
    static final class Shields {
        static final Table<Record> TABLE = table(name("shield"));
        static final Field<String> USER_ID = column("shield", "user_id", SQLDataType.VARCHAR(64));
        static final Field<String> APP_ID = column("shield", "app_id", SQLDataType.VARCHAR(64));
        static final Field<Integer> TYPE = column("shield", "type", SQLDataType.INTEGER);
        static final Field<String> MEMO = column("shield", "memo", SQLDataType.VARCHAR(255));
        static final Field<Long> CREATED = column("shield", "created", SQLDataType.BIGINT);
    }

    /** See V11__application_permission.sql. */
    static final class ApplicationPermissions {
        static final Table<Record> TABLE = table(name("application_permission"));
        static final Field<String> APPLICATION_ID = column("application_permission", "application_id",
                SQLDataType.VARCHAR(64));
        static final Field<Boolean> SYNC_QUOTA = column("application_permission", "sync_quota", SQLDataType.BOOLEAN);
        static final Field<Long> UPDATED = column("application_permission", "updated", SQLDataType.BIGINT);
    }

    /** See V6__push_permission.sql: the rights an operator granted a user; no row means none. */
    static final class UserPermissions {
        static final Table<Record> TABLE = table(name("user_permission"));
        static final Field<String> USER_ID = column("user_permission", "user_id", SQLDataType.VARCHAR(64));
        static final Field<Boolean> BROADCAST = column("user_permission", "broadcast", SQLDataType.BOOLEAN);
        static final Field<Long> UPDATED = column("user_permission", "updated", SQLDataType.BIGINT);
    }

    static final class Clients {
        static final Table<Record> TABLE = table(name("client"));
        static final Field<String> USER_ID = column("client", "user_id", SQLDataType.VARCHAR(64));
        static final Field<String> DEVICE_ID = column("client", "device_id", SQLDataType.VARCHAR(128));
        static final Field<String> DEVICE_TYPE = column("client", "device_type", SQLDataType.VARCHAR(32));
        static final Field<Long> LATEST_LOGIN = column("client", "latest_login", SQLDataType.BIGINT);
        static final Field<Long> CREATED = column("client", "created", SQLDataType.BIGINT);
    }

    static final class Tokens {
        static final Table<Record> TABLE = table(name("user_token"));
        static final Field<String> DIGEST = column("user_token", "digest", SQLDataType.CHAR(64));
        static final Field<String> USER_ID = column("user_token", "user_id", SQLDataType.VARCHAR(64));
        static final Field<String> DEVICE_TYPE = column("user_token", "device_type", SQLDataType.VARCHAR(32));
        static final Field<String> DEVICE_ID = column("user_token", "device_id", SQLDataType.VARCHAR(128));
        static final Field<Long> EXPIRES_AT = column("user_token", "expires_at", SQLDataType.BIGINT);
        static final Field<Long> CREATED = column("user_token", "created", SQLDataType.BIGINT);
    }

    static final class AdminKeys {
        static final Table<Record> TABLE = table(name("admin_key"));
        static final Field<Integer> ID = column("admin_key", "id", SQLDataType.INTEGER);
        static final Field<String> DIGEST = column("admin_key", "digest", SQLDataType.CHAR(64));
        static final Field<Long> UPDATED = column("admin_key", "updated", SQLDataType.BIGINT);
    }

    static final class Messages {
        static final Table<Record> TABLE = table(name("message"));
        static final Field<Long> ID = column("message", "id", SQLDataType.BIGINT);
        static final Field<String> FROM_NAME = column("message", "from_name", SQLDataType.VARCHAR(80));
        static final Field<String> TO_NAME = column("message", "to_name", SQLDataType.VARCHAR(80));
        static final Field<String> BODY = column("message", "body", SQLDataType.CLOB);
        static final Field<Long> CREATED = column("message", "created", SQLDataType.BIGINT);
        static final Field<Long> EXPIRES_AT = column("message", "expires_at", SQLDataType.BIGINT);
    }

    static final class Mailboxes {
        static final Table<Record> TABLE = table(name("mailbox"));
        static final Field<String> OWNER = column("mailbox", "owner", SQLDataType.VARCHAR(80));
        static final Field<Long> LAST_MID = column("mailbox", "last_mid", SQLDataType.BIGINT);
    }

    static final class Entries {
        static final Table<Record> TABLE = table(name("mailbox_entry"));
        static final Field<String> OWNER = column("mailbox_entry", "owner", SQLDataType.VARCHAR(80));
        static final Field<Long> MID = column("mailbox_entry", "mid", SQLDataType.BIGINT);
        static final Field<Long> MESSAGE_ID = column("mailbox_entry", "message_id", SQLDataType.BIGINT);
        static final Field<Long> EXPIRES_AT = column("mailbox_entry", "expires_at", SQLDataType.BIGINT);
    }

    /** See V9__push_receipt.sql. */
    static final class PushReceipts {
        static final Table<Record> TABLE = table(name("push_receipt"));
        static final Field<String> KEY_DIGEST = column("push_receipt", "key_digest", SQLDataType.CHAR(64));
        static final Field<Long> MESSAGE_ID = column("push_receipt", "message_id", SQLDataType.BIGINT);
        static final Field<String> ENTRIES = column("push_receipt", "entries", SQLDataType.CLOB);
        static final Field<Long> EXPIRES_AT = column("push_receipt", "expires_at", SQLDataType.BIGINT);
    }

    /** See V4__file_links.sql. */
    static final class UploadedFiles {
        static final Table<Record> TABLE = table(name("uploaded_file"));
        static final Field<String> FILE_ID = column("uploaded_file", "file_id", SQLDataType.VARCHAR(255));
        static final Field<String> FILE_URL = column("uploaded_file", "file_url", SQLDataType.VARCHAR(2048));
        static final Field<Long> LAST_USED = column("uploaded_file", "last_used", SQLDataType.BIGINT);
        static final Field<Integer> ATTEMPTS = column("uploaded_file", "attempts", SQLDataType.INTEGER);
        static final Field<Long> NEXT_ATTEMPT = column("uploaded_file", "next_attempt", SQLDataType.BIGINT);
    }

    static final class Links {
        static final Table<Record> TABLE = table(name("file_link"));
        static final Field<String> FILE_ID = column("file_link", "file_id", SQLDataType.VARCHAR(255));
        static final Field<String> SENDER = column("file_link", "sender", SQLDataType.VARCHAR(80));
        static final Field<String> FILE_NAME = column("file_link", "file_name", SQLDataType.VARCHAR(255));
        static final Field<String> FILE_URL = column("file_link", "file_url", SQLDataType.VARCHAR(2048));
        static final Field<Long> FILE_SIZE = column("file_link", "file_size", SQLDataType.BIGINT);
        static final Field<Long> CREATED = column("file_link", "created", SQLDataType.BIGINT);
        static final Field<Long> LAST_USED = column("file_link", "last_used", SQLDataType.BIGINT);
    }

    /** See V5__qun.sql: a group; {@code version} is its optimistic version, a dissolved group keeps its row. */
    static final class Quns {
        static final Table<Record> TABLE = table(name("qun"));
        static final Field<String> ID = column("qun", "id", SQLDataType.VARCHAR(64));
        static final Field<String> TENANT_ID = column("qun", "tenant_id", SQLDataType.VARCHAR(64));
        static final Field<String> TOPIC = column("qun", "topic", SQLDataType.VARCHAR(64));
        static final Field<Integer> MAX_MEMBERS = column("qun", "max_members", SQLDataType.INTEGER);
        static final Field<Boolean> OWNER_ONLY_INVITE = column("qun", "owner_only_invite", SQLDataType.BOOLEAN);
        static final Field<Boolean> DISSOLVED = column("qun", "dissolved", SQLDataType.BOOLEAN);
        static final Field<Long> VERSION = column("qun", "version", SQLDataType.BIGINT);
        static final Field<Long> CREATED = column("qun", "created", SQLDataType.BIGINT);
        static final Field<Long> UPDATED = column("qun", "updated", SQLDataType.BIGINT);
    }

    /** A group's members; {@code role} is {@link org.appmsg.domain.qun.Role#code()}. */
    static final class QunUsers {
        static final Table<Record> TABLE = table(name("qun_user"));
        static final Field<String> QUN_ID = column("qun_user", "qun_id", SQLDataType.VARCHAR(64));
        static final Field<String> USER_ID = column("qun_user", "user_id", SQLDataType.VARCHAR(64));
        static final Field<String> NICKNAME = column("qun_user", "nickname", SQLDataType.VARCHAR(128));
        static final Field<Integer> ROLE = column("qun_user", "role", SQLDataType.INTEGER);
        static final Field<Long> JOIN_SEQ = column("qun_user", "join_seq", SQLDataType.BIGINT);
        static final Field<Long> CREATED = column("qun_user", "created", SQLDataType.BIGINT);
    }

    /** See V7__apns.sql: one APNs device token per row, bound to a user's device. */
    static final class ApnsTokens {
        static final Table<Record> TABLE = table(name("apns_token"));
        static final Field<String> TOKEN = column("apns_token", "token", SQLDataType.VARCHAR(200));
        static final Field<String> USER_ID = column("apns_token", "user_id", SQLDataType.VARCHAR(64));
        static final Field<String> DEVICE_ID = column("apns_token", "device_id", SQLDataType.VARCHAR(128));
        static final Field<Long> REGISTERED = column("apns_token", "registered", SQLDataType.BIGINT);
    }

    /** See V7__apns.sql: the operator's APNs credential per customer or tenant; secret columns stay inside. */
    static final class ApnsCredentials {
        static final Table<Record> TABLE = table(name("apns_credential"));
        static final Field<String> SCOPE_KIND = column("apns_credential", "scope_kind", SQLDataType.VARCHAR(16));
        static final Field<String> SCOPE_ID = column("apns_credential", "scope_id", SQLDataType.VARCHAR(64));
        static final Field<String> TOPIC = column("apns_credential", "topic", SQLDataType.VARCHAR(255));
        static final Field<String> ENVIRONMENT = column("apns_credential", "environment", SQLDataType.VARCHAR(16));
        static final Field<String> AUTH_KIND = column("apns_credential", "auth_kind", SQLDataType.VARCHAR(16));
        static final Field<String> KEY_ID = column("apns_credential", "key_id", SQLDataType.VARCHAR(16));
        static final Field<String> TEAM_ID = column("apns_credential", "team_id", SQLDataType.VARCHAR(16));
        static final Field<String> SECRET = column("apns_credential", "secret", SQLDataType.CLOB);
        static final Field<String> SECRET_PASSWORD = column("apns_credential", "secret_password",
                SQLDataType.VARCHAR(1024));
        static final Field<Long> UPDATED = column("apns_credential", "updated", SQLDataType.BIGINT);
    }

    static final class Quotas {
        static final Table<Record> TABLE = table(name("quota"));
        static final Field<String> CUSTOMER_ID = column("quota", "customer_id", SQLDataType.VARCHAR(64));
        static final Field<String> TENANT_ID = column("quota", "tenant_id", SQLDataType.VARCHAR(64));
        static final Field<String> ITEM = column("quota", "item", SQLDataType.VARCHAR(16));
        static final Field<String> KEY = column("quota", "quota_key", SQLDataType.VARCHAR(128));
        static final Field<String> PERIOD = column("quota", "period", SQLDataType.VARCHAR(8));
        static final Field<Long> VALUE = column("quota", "quota_value", SQLDataType.BIGINT);
        static final Field<Long> UPDATED = column("quota", "updated", SQLDataType.BIGINT);
    }

    static final class QuotaZones {
        static final Table<Record> TABLE = table(name("quota_zone"));
        static final Field<String> CUSTOMER_ID = column("quota_zone", "customer_id", SQLDataType.VARCHAR(64));
        static final Field<String> ZONE = column("quota_zone", "zone", SQLDataType.VARCHAR(64));
        static final Field<Long> UPDATED = column("quota_zone", "updated", SQLDataType.BIGINT);
    }

    static final class UsageCounts {
        static final Table<Record> TABLE = table(name("usage_count"));
        static final Field<String> CUSTOMER_ID = column("usage_count", "customer_id", SQLDataType.VARCHAR(64));
        static final Field<String> TENANT_ID = column("usage_count", "tenant_id", SQLDataType.VARCHAR(64));
        static final Field<String> COUNTER = column("usage_count", "counter", SQLDataType.VARCHAR(16));
        static final Field<String> KEY = column("usage_count", "usage_key", SQLDataType.VARCHAR(128));
        static final Field<Integer> DAY = column("usage_count", "usage_day", SQLDataType.INTEGER);
        static final Field<Long> COUNT = column("usage_count", "cnt", SQLDataType.BIGINT);
    }

    /** See V10__apns_status.sql: one row per stored copy of a message. */
    static final class DeliveryStatuses {
        static final Table<Record> TABLE = table(name("delivery_status"));
        static final Field<Long> MESSAGE_ID = column("delivery_status", "message_id", SQLDataType.BIGINT);
        static final Field<String> MAILBOX = column("delivery_status", "mailbox", SQLDataType.VARCHAR(80));
        static final Field<String> FROM_NAME = column("delivery_status", "from_name", SQLDataType.VARCHAR(80));
        static final Field<Long> MID = column("delivery_status", "mid", SQLDataType.BIGINT);
        static final Field<Integer> LIVE_SESSIONS = column("delivery_status", "live_sessions", SQLDataType.INTEGER);
        static final Field<Long> EXPIRES_AT = column("delivery_status", "expires_at", SQLDataType.BIGINT);
    }

    /** See V10__apns_status.sql: one row per notified device of a copy. */
    static final class DeliveryStatusDevices {
        static final Table<Record> TABLE = table(name("delivery_status_device"));
        static final Field<Long> MESSAGE_ID = column("delivery_status_device", "message_id", SQLDataType.BIGINT);
        static final Field<String> MAILBOX = column("delivery_status_device", "mailbox", SQLDataType.VARCHAR(80));
        static final Field<String> DEVICE_ID = column("delivery_status_device", "device_id", SQLDataType.VARCHAR(128));
        static final Field<String> STATE = column("delivery_status_device", "state", SQLDataType.VARCHAR(16));
        static final Field<String> DETAIL = column("delivery_status_device", "detail", SQLDataType.VARCHAR(255));
        static final Field<Long> EXPIRES_AT = column("delivery_status_device", "expires_at", SQLDataType.BIGINT);
    }
}
