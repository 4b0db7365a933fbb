package org.appmsg.adapter.http;

/** The legacy return codes (legacy spec 2.4) that this adapter answers with. */
final class Ret {

    static final int OK = 0;
    static final int NOT_FOUND_SERVER = 1001;
    static final int NOT_FOUND = 65531;
    static final int TOO_LONG = 65532;
    static final int AUTH_ERR = 65533;
    static final int PARAM_ERR = 65534;
    static final int INTERNAL_ERR = 65535;
    static final int OVER_QUOTA_API_CALL = 65536;
    static final int OVER_QUOTA_PUSH = 65537;
    static final int NOT_MEMBER = 65538;
    static final int LOGIN_ERR = 65539;

    private Ret() {}
}
