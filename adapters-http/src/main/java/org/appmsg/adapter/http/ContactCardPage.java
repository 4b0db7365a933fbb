package org.appmsg.adapter.http;

import io.javalin.http.Context;
import org.appmsg.application.port.in.GetMemberUseCase;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.shared.DomainViolation;
import org.appmsg.domain.shared.UserId;
import org.appmsg.domain.user.User;

/**
 * {@code GET /app/user/erweima?id={uid}&token={user token}} (legacy §3.12): the page a contact's QR code points at,
 * with the contact's display name, e-mail and mobile number. Fixed legacy defects (spec 20.1.7, 20.1.10): the viewer
 * must be signed in ({@code token}, also accepted as {@code Authorization: Bearer}) and sees only a user of its own
 * tenant ({@link GetMemberUseCase}, as {@code getMember} shows it); every value is HTML-escaped; the page has a
 * Content-Security-Policy that allows no script at all. Without a valid token it answers 401, for an unknown user
 * (or one of another tenant) 404, each as a small page that says so.
 */
final class ContactCardPage {

    static final String HTML = "text/html; charset=utf-8";

    private final GetMemberUseCase getMember;

    ContactCardPage(GetMemberUseCase getMember) {
        this.getMember = getMember;
    }

    Reply show(Context ctx) {
        ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
        String id = ctx.queryParam("id");
        if (id == null || id.isEmpty()) {
            throw new BadRequestException("id is required: the user whose card this is");
        }
        UserId user;
        try {
            user = new UserId(id);
        } catch (DomainViolation e) {
            throw new BadRequestException("id: " + e.getMessage());
        }
        String token = token(ctx);
        if (token.isEmpty()) {
            return notice(401, "Sign in", "Open this card in the app, signed in, to see the contact.");
        }
        return switch (getMember.get(new GetMemberUseCase.Query(new Secret(token), user))) {
            case GetMemberUseCase.Result.Found found -> card(found.member());
            case GetMemberUseCase.Result.Unauthorized u ->
                    notice(401, "Sign in", "Your session has expired: sign in again to see the contact.");
            case GetMemberUseCase.Result.NotFound n -> notice(404, "Not found", "There is no such contact.");
        };
    }

    private static String token(Context ctx) {
        String query = ctx.queryParam("token");
        if (query != null && !query.isEmpty()) {
            return query;
        }
        String header = ctx.header("Authorization");
        return header != null && header.startsWith("Bearer ") ? header.substring(7).strip() : "";
    }

    private static Reply card(User member) {
        var p = member.profile();
        String body = "<dl><dt>Name</dt><dd>" + escape(p.nickname()) + "</dd><dt>E-mail</dt><dd>" + escape(p.email())
                + "</dd><dt>Mobile</dt><dd>" + escape(p.mobile()) + "</dd></dl>";
        return page(200, escape(p.nickname()), body);
    }

    /** A page with a heading and one sentence, for refusals. */
    static Reply notice(int status, String title, String message) {
        return page(status, escape(title), "<p>" + escape(message) + "</p>");
    }

    private static Reply page(int status, String title, String body) {
        String html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width,initial-scale=1\"><title>" + title + "</title></head><body><h1>"
                + title + "</h1>" + body + "</body></html>";
        return new Reply(status, HTML, html, "");
    }

    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
