package org.appmsg.adapter.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.regex.Pattern;
import org.appmsg.domain.shared.JsonText;

/**
 * The response shapes: the app port's {@code {"baseResponse":{ret,errMsg},…}}, the public
 * gopush {@code {"ret":…,"data":…}} (JSONP when {@code cb} is given), the unversioned gopush routes'
 * {@code {"ret":…,"msg":"ok","data":…}} (JSONP when {@code callback} is given) and the admin API's plain JSON.
 * Each knows how to say "bad request" and "failed" in its own shape.
 */
enum Envelope {
    APP {
        @Override
        Reply badRequest(Context ctx, String message) {
            return app(200, Ret.PARAM_ERR, message, JsonFields.MAPPER.createObjectNode());
        }

        @Override
        Reply failure(Context ctx, int status, String message) {
            return app(status, Ret.INTERNAL_ERR, message, JsonFields.MAPPER.createObjectNode());
        }
    },
    PUBLIC {
        @Override
        Reply badRequest(Context ctx, String message) {
            return publicRefusal(ctx, 200, Ret.PARAM_ERR, message);
        }

        @Override
        Reply failure(Context ctx, int status, String message) {
            return publicRefusal(ctx, status, Ret.INTERNAL_ERR, message);
        }
    },
    /**
     * The unversioned gopush routes ({@code /server/get}, {@code /msg/get}, {@code /time/get}):
     * {@code {"ret":…,"msg":"ok","data":…}}, JSONP via {@code callback}. A refusal says why in {@code msg},
     * where the legacy JavaScript client reads it ({@code onError(json.msg)}).
     */
    UNVERSIONED {
        @Override
        Reply badRequest(Context ctx, String message) {
            return unversionedRefusal(ctx, 200, Ret.PARAM_ERR, message);
        }

        @Override
        Reply failure(Context ctx, int status, String message) {
            return unversionedRefusal(ctx, status, Ret.INTERNAL_ERR, message);
        }
    },
    /**
     * The legacy admin push routes ({@code /1/admin/push/private}, {@code /1/admin/msg/del}, …):
     * {@code {"ret":…}}, with {@code errMsg} naming the problem when {@code ret} is not 0.
     */
    LEGACY_ADMIN {
        @Override
        Reply badRequest(Context ctx, String message) {
            return legacyAdmin(200, Ret.PARAM_ERR, message);
        }

        @Override
        Reply failure(Context ctx, int status, String message) {
            return legacyAdmin(status, Ret.INTERNAL_ERR, message);
        }
    },
    /**
     * The web chat page's JSONP routes ({@code /app/client/appweb/...}, legacy §3.11): the app port's body, written as
     * {@code <callbackparam> ( <json> )} and a newline when the request names a well-formed {@code callbackparam}.
     */
    WEB_CHAT {
        @Override
        Reply badRequest(Context ctx, String message) {
            return WebChatEndpoints.jsonp(ctx, APP.badRequest(ctx, WebChatEndpoints.formNames(message)));
        }

        @Override
        Reply failure(Context ctx, int status, String message) {
            return WebChatEndpoints.jsonp(ctx, APP.failure(ctx, status, message));
        }
    },
    /** HTML pages ({@code /app/user/erweima}): a refusal is a small page that says why. */
    PAGE {
        @Override
        Reply badRequest(Context ctx, String message) {
            return ContactCardPage.notice(400, "Bad request", message);
        }

        @Override
        Reply failure(Context ctx, int status, String message) {
            return ContactCardPage.notice(status, "Unavailable", message);
        }
    },
    ADMIN {
        @Override
        Reply badRequest(Context ctx, String message) {
            return adminError(400, message);
        }

        @Override
        Reply failure(Context ctx, int status, String message) {
            return adminError(status, message);
        }
    };

    static final Pattern CALLBACK = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$.]{0,63}");

    abstract Reply badRequest(Context ctx, String message);

    /** A failure of the server, not of the request (ret 65535 on the legacy routes). */
    abstract Reply failure(Context ctx, int status, String message);

    /** {@code {"baseResponse":{"ret":…,"errMsg":…}}} followed by the fields of {@code extra}. */
    static Reply app(int status, int ret, String errMsg, ObjectNode extra) {
        ObjectNode root = JsonFields.MAPPER.createObjectNode();
        root.putObject("baseResponse").put("ret", ret).put("errMsg", errMsg);
        root.setAll(extra);
        return new Reply(status, Reply.JSON, JsonFields.compact(root), Integer.toString(ret));
    }

    static Reply appOk(ObjectNode extra) {
        return app(200, Ret.OK, "", extra);
    }

    static Reply appRefusal(int ret, String errMsg) {
        return app(200, ret, errMsg, JsonFields.MAPPER.createObjectNode());
    }

    /** {@code {"ret":0,"data":<dataJson>}}, or {@code {"ret":0}} when {@code dataJson} is empty. */
    static Reply publicOk(Context ctx, String dataJson) {
        String json = dataJson.isEmpty() ? "{\"ret\":0}" : "{\"ret\":0,\"data\":" + dataJson + "}";
        return publicReply(ctx, 200, Ret.OK, json);
    }

    static Reply publicRefusal(Context ctx, int status, int ret, String errMsg) {
        return publicReply(ctx, status, ret, "{\"ret\":" + ret + ",\"errMsg\":" + JsonText.quote(errMsg) + "}");
    }

    /** {@code {"ret":0,"msg":"ok","data":<dataJson>}}, or without {@code data} when {@code dataJson} is empty. */
    static Reply unversionedOk(Context ctx, String dataJson) {
        String json = dataJson.isEmpty() ? "{\"ret\":0,\"msg\":\"ok\"}"
                : "{\"ret\":0,\"msg\":\"ok\",\"data\":" + dataJson + "}";
        return jsonp(ctx, "callback", 200, Ret.OK, json);
    }

    static Reply unversionedRefusal(Context ctx, int status, int ret, String why) {
        return jsonp(ctx, "callback", status, ret, "{\"ret\":" + ret + ",\"msg\":" + JsonText.quote(why) + "}");
    }

    /** Checks the JSONP callback up front, so that a bad one is refused before any work is done. */
    static void checkCallback(Context ctx) {
        checkCallback(ctx, "cb");
    }

    /** The same, for a callback in query parameter {@code param}. */
    static void checkCallback(Context ctx, String param) {
        String cb = ctx.queryParam(param);
        if (cb != null && !cb.isEmpty() && !CALLBACK.matcher(cb).matches()) {
            throw new BadRequestException(param + " must match " + CALLBACK.pattern());
        }
    }

    private static Reply publicReply(Context ctx, int status, int ret, String json) {
        return jsonp(ctx, "cb", status, ret, json);
    }

    /** {@code json}, or {@code name(json)} when query parameter {@code param} names a well-formed callback. */
    private static Reply jsonp(Context ctx, String param, int status, int ret, String json) {
        String cb = ctx.queryParam(param);
        if (cb == null || cb.isEmpty() || !CALLBACK.matcher(cb).matches()) {
            return new Reply(status, Reply.JSON, json, Integer.toString(ret));
        }
        return new Reply(status, Reply.JAVASCRIPT, cb + "(" + json + ")", Integer.toString(ret));
    }

    /** {@code {"ret":<ret>,"errMsg":<why>}}; {@code {"ret":0}} for a success. */
    static Reply legacyAdmin(int status, int ret, String why) {
        String json = ret == Ret.OK && why.isEmpty() ? "{\"ret\":0}"
                : "{\"ret\":" + ret + ",\"errMsg\":" + JsonText.quote(why) + "}";
        return new Reply(status, Reply.JSON, json, Integer.toString(ret));
    }

    static Reply adminError(int status, String message) {
        return Reply.json(status, "{\"error\":" + JsonText.quote(message) + "}");
    }
}
