package org.appmsg.adapter.http;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.appmsg.application.port.in.FetchMailboxUseCase;
import org.appmsg.domain.message.MailboxEntry;
import org.appmsg.domain.session.SubscriptionKey;
import org.appmsg.domain.shared.JsonText;

/**
 * The unversioned gopush reads the oldest clients still call (legacy §3.1): {@code /server/get?key=&proto=},
 * {@code /msg/get?key=&mid=} and {@code /time/get}, with {@code callback} for JSONP and the envelope
 * {@code {"ret":…,"msg":"ok","data":…}} ({@link Envelope#UNVERSIONED}). They answer what their {@code /1/}
 * twins ({@link PublicEndpoints}) answer, in the old shapes, with two legacy defects fixed: {@code /msg/get}
 * needs the user's {@code token} as {@code /1/msg/get} does (the legacy server let anyone read any mailbox),
 * and {@code /time/get} counts microseconds, the unit of every other time id (the legacy one counted 100 ns).
 */
final class UnversionedReadEndpoints {

    private final PublicEndpoints current;
    private final Clock clock;

    UnversionedReadEndpoints(PublicEndpoints current, Clock clock) {
        this.current = current;
        this.clock = clock;
    }

    /** {@code /server/get?key=&proto=[&callback=]} → {@code {"ret":0,"msg":"ok","data":{"server":"host:port"}}}. */
    Reply server(Context ctx) {
        Envelope.checkCallback(ctx, "callback");
        SubscriptionKey key = PublicEndpoints.key(ctx, "key");
        return current.address(ctx, key, "proto")
                .map(a -> Envelope.unversionedOk(ctx, "{\"server\":" + JsonText.quote(a) + "}"))
                .orElseGet(() -> Envelope.unversionedRefusal(ctx, 200, Ret.NOT_FOUND_SERVER,
                        PublicEndpoints.noListener(ctx, "proto")));
    }

    /**
     * {@code /msg/get?key=&mid=&token=[&limit=][&callback=]}: {@code data.msgs} lists each message as a string,
     * the old frame {@code {"msg":"<message object as a string>","mid":…,"gid":0}}; {@code data.pmsgs} is always
     * empty (no public messages); no {@code data} when there is nothing after {@code mid}. {@code data.more}
     * appears, {@code true}, only when another page follows (the legacy server had no pages).
     */
    Reply fetchMessages(Context ctx) {
        Envelope.checkCallback(ctx, "callback");
        return switch (current.fetch(ctx, "key", "mid")) {
            case FetchMailboxUseCase.Result.Page page when page.entries().isEmpty() -> Envelope.unversionedOk(ctx, "");
            case FetchMailboxUseCase.Result.Page page -> Envelope.unversionedOk(ctx, msgs(page));
            case FetchMailboxUseCase.Result.Unauthorized u ->
                    Envelope.unversionedRefusal(ctx, 200, Ret.AUTH_ERR, PublicEndpoints.TOKEN_REFUSED);
        };
    }

    private static String msgs(FetchMailboxUseCase.Result.Page page) {
        StringBuilder data = new StringBuilder(300 * page.entries().size()).append("{\"msgs\":[");
        boolean first = true;
        for (MailboxEntry entry : page.entries()) {
            if (!first) {
                data.append(',');
            }
            first = false;
            JsonText.quote(data, entry.legacyEnvelope());
        }
        data.append("],\"pmsgs\":[]");
        if (page.more()) {
            data.append(",\"more\":true");
        }
        return data.append('}').toString();
    }

    /** {@code /time/get[?callback=]} → {@code {"ret":0,"msg":"ok","data":{"timeid":<unix microseconds>}}}. */
    Reply time(Context ctx) {
        Envelope.checkCallback(ctx, "callback");
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
        return Envelope.unversionedOk(ctx, "{\"timeid\":" + micros + "}");
    }
}
