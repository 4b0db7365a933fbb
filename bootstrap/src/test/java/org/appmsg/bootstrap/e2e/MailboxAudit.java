package org.appmsg.bootstrap.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads every mailbox of a set of users the way a client does (device login, then {@code /1/msg/get} page by
 * page from mid 0) and checks acknowledged pushes against them: each one present exactly once, at the mid its
 * answer gave, with its content; no content stored twice (load pushes are unique by content, so a push sent again
 * must not make a second message); mids strictly increasing in every mailbox.
 */
final class MailboxAudit {

    /** One stored entry as {@code /1/msg/get} returns it. */
    record Entry(long mid, String msgId, String content) {}

    /** What the audit found; every list holds readable descriptions (the first few go into failure messages). */
    record Findings(int acknowledged, List<String> missing, List<String> duplicates, List<String> disorder) {
        boolean clean() {
            return missing.isEmpty() && duplicates.isEmpty() && disorder.isEmpty();
        }

        @Override
        public String toString() {
            return acknowledged + " acknowledged pushes: missing " + missing.size() + first(missing)
                    + ", duplicated " + duplicates.size() + first(duplicates)
                    + ", mids out of order " + disorder.size() + first(disorder);
        }

        private static String first(List<String> problems) {
            return problems.isEmpty() ? "" : " " + problems.subList(0, Math.min(5, problems.size()));
        }
    }

    private final Map<String, List<Entry>> mailboxes;

    private MailboxAudit(Map<String, List<Entry>> mailboxes) {
        this.mailboxes = mailboxes;
    }

    /** Signs every user in (login name = uid, password {@code password(uid)}) and reads each one's whole mailbox. */
    static MailboxAudit read(Client client, Collection<String> users, Function<String, String> password) {
        Map<String, List<Entry>> mailboxes = new LinkedHashMap<>();
        for (String uid : users) {
            String token = login(client, uid, password.apply(uid));
            mailboxes.put(uid + "@user", readMailbox(client, uid + "@user", token));
        }
        return new MailboxAudit(mailboxes);
    }

    /** The entries read from {@code key}'s mailbox, in mid order. */
    List<Entry> entries(String key) {
        return mailboxes.getOrDefault(key, List.of());
    }

    /** The highest mid stored in {@code key}'s mailbox, 0 when empty. */
    long lastMid(String key) {
        List<Entry> entries = mailboxes.getOrDefault(key, List.of());
        return entries.isEmpty() ? 0 : entries.get(entries.size() - 1).mid();
    }

    /** Checks {@code acks} against the mailboxes read. */
    Findings check(Collection<AppPushLoad.Ack> acks) {
        List<String> missing = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        List<String> disorder = new ArrayList<>();
        Map<String, Map<Long, Entry>> byMid = new HashMap<>();
        mailboxes.forEach((key, entries) -> {
            Map<Long, Entry> mids = new HashMap<>();
            Map<String, Long> seen = new HashMap<>();
            Map<String, Long> contents = new HashMap<>();
            long previous = 0;
            for (Entry e : entries) {
                if (e.mid() <= previous) {
                    disorder.add(key + " mid " + e.mid() + " after " + previous);
                }
                previous = e.mid();
                mids.put(e.mid(), e);
                Long first = seen.putIfAbsent(e.msgId(), e.mid());
                if (first != null) {
                    duplicates.add(key + " has message " + e.msgId() + " at mids " + first + " and " + e.mid());
                }
                // every load push has unique content: the same content twice is one push stored twice (a resend)
                Long sameContent = contents.putIfAbsent(e.content(), e.mid());
                if (sameContent != null && first == null) {
                    duplicates.add(key + " has \"" + e.content() + "\" at mids " + sameContent + " and " + e.mid()
                            + " under two message ids");
                }
            }
            byMid.put(key, mids);
        });
        for (AppPushLoad.Ack ack : acks) {
            ack.mids().forEach((key, mid) -> {
                Entry e = byMid.getOrDefault(key, Map.of()).get(mid);
                if (e == null || !e.msgId().equals(ack.msgId()) || !e.content().equals(ack.content())) {
                    missing.add(key + " mid " + mid + " (" + ack.content() + ") holds "
                            + (e == null ? "nothing" : e.content()));
                }
            });
        }
        return new Findings(acks.size(), missing, duplicates, disorder);
    }

    /** The highest mid each acknowledged push was given, per mailbox. */
    static Map<String, Long> highestAcknowledgedMids(Collection<AppPushLoad.Ack> acks) {
        Map<String, Long> highest = new HashMap<>();
        acks.forEach(a -> a.mids().forEach((key, mid) -> highest.merge(key, mid, Math::max)));
        return highest;
    }

    static String login(Client client, String login, String password) {
        var body = Client.obj();
        body.putObject("baseRequest").put("uid", "").put("deviceID", "Audit-1").put("deviceType", "Android")
                .put("token", "");
        body.put("userName", login).put("password", password);
        JsonNode r = client.post("/app/client/device/login", body);
        if (r.get("baseResponse").get("ret").asInt() != 0) {
            throw new AssertionError("login " + login + ": " + r);
        }
        return r.get("token").asText();
    }

    private static List<Entry> readMailbox(Client client, String key, String token) {
        List<Entry> entries = new ArrayList<>();
        long after = 0;
        for (int page = 0; page < 10_000; page++) {
            JsonNode r = client.getJson("/1/msg/get", Map.of("k", key, "m", Long.toString(after), "token", token,
                    "limit", "1000"));
            if (r.get("ret").asInt() != 0) {
                throw new AssertionError("/1/msg/get " + key + " after " + after + ": " + r);
            }
            JsonNode data = r.get("data");
            if (data == null) {
                return entries; // {"ret":0}: nothing after that mid
            }
            for (JsonNode m : data.get("msgs")) {
                JsonNode msg = m.get("msg");
                entries.add(new Entry(m.get("mid").asLong(), msg.get("msgId").asText(), msg.get("content").asText()));
                after = m.get("mid").asLong();
            }
            if (!data.get("more").asBoolean()) {
                return entries;
            }
        }
        throw new AssertionError(key + ": more than 10,000 pages");
    }
}
