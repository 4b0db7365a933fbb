package org.appmsg.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.appmsg.application.port.out.UserRepository;
import org.appmsg.application.port.out.UserRepository.Page;
import org.appmsg.application.port.out.UserRepository.Upsert;
import org.appmsg.domain.auth.PasswordHash;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.shared.UserId;
import org.appmsg.domain.user.Device;
import org.appmsg.domain.user.User;
import org.appmsg.domain.user.UserProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What every {@link UserRepository} does, whatever stores it. */
public abstract class UserRepositoryContract {

    private static final AtomicLong SEQ = new AtomicLong();
    private static final String RUN = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    private static final String RUN_DIGITS = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40));
    private static final TenantId TENANT = new TenantId("t1");

    private UserRepository users;

    /**
     * The repository under test, asked for once before each test. It may be shared between tests: each test
     * uses user ids, login names and e-mail addresses of its own.
     */
    protected abstract UserRepository users();

    @BeforeEach
    void setUpUsers() {
        users = users();
    }

    @Test
    void upsert_inserts_a_new_user_that_is_then_found_by_id_and_login_name() {
        User alice = user(fresh("id"), fresh("alice"), "");
        assertThat(users.upsert(alice)).isEqualTo(Upsert.INSERTED);
        assertThat(users.findById(alice.id())).contains(alice);
        assertThat(users.findByLogin(alice.profile().name())).contains(alice);
    }

    @Test
    void upsert_of_a_known_id_replaces_profile_and_password() {
        String id = fresh("id");
        users.upsert(user(id, fresh("bob"), ""));
        UserProfile renamed = profile(fresh("robert"), fresh("bob") + "@example.com", "Robert");
        User changed = new User(new UserId(id), TENANT, renamed, new PasswordHash("new-secret"));

        assertThat(users.upsert(changed)).isEqualTo(Upsert.UPDATED);
        assertThat(users.findById(changed.id())).contains(changed);
    }

    @Test
    void upsert_without_a_password_keeps_the_stored_one_and_a_new_user_gets_none() {
        String id = fresh("id");
        User withPassword = user(id, fresh("erin"), "");
        users.upsert(withPassword);
        UserProfile renamed = profile(withPassword.profile().name(), "", "Erin B.");
        User noPassword = new User(new UserId(id), TENANT, renamed, PasswordHash.none());

        assertThat(users.upsert(noPassword)).isEqualTo(Upsert.UPDATED);
        assertThat(users.findById(withPassword.id())).hasValueSatisfying(u -> {
            assertThat(u.profile()).isEqualTo(renamed);
            assertThat(u.password()).isEqualTo(withPassword.password());
        });

        User entry = new User(new UserId(fresh("id")), TENANT, profile(fresh("frank"), "", "Frank"),
                PasswordHash.none());
        assertThat(users.upsert(entry)).isEqualTo(Upsert.INSERTED);
        assertThat(users.findById(entry.id())).hasValueSatisfying(u -> assertThat(u.password().isSet()).isFalse());
    }

    @Test
    void a_user_never_moves_to_another_tenant() {
        User gina = user(fresh("id"), fresh("gina"), "");
        users.upsert(gina);
        User moved = new User(gina.id(), new TenantId("t2"), profile(fresh("gina2"), "", "Moved"), gina.password());

        assertThat(users.upsert(moved)).isEqualTo(Upsert.OTHER_TENANT);
        assertThat(users.findById(gina.id())).contains(gina);
        assertThat(users.findByLogin(moved.profile().name())).isEmpty();
    }

    @Test
    void a_user_may_be_upserted_again_with_its_own_name() {
        User carol = user(fresh("id"), fresh("carol"), "");
        users.upsert(carol);
        assertThat(users.upsert(carol)).isEqualTo(Upsert.UPDATED);
    }

    @Test
    void a_new_user_with_a_taken_login_name_is_refused_and_nothing_changes() {
        User holder = user(fresh("id"), fresh("dave"), "");
        users.upsert(holder);
        User intruder = user(fresh("id"), holder.profile().name(), "");

        assertThat(users.upsert(intruder)).isEqualTo(Upsert.NAME_TAKEN);
        assertThat(users.findById(intruder.id())).isEmpty();
        assertThat(users.findByLogin(holder.profile().name())).contains(holder);
    }

    @Test
    void renaming_a_user_to_a_taken_login_name_is_refused_and_nothing_changes() {
        User holder = user(fresh("id"), fresh("erin"), "");
        User other = user(fresh("id"), fresh("frank"), "");
        users.upsert(holder);
        users.upsert(other);
        User renamed = new User(other.id(), other.tenant(), profile(holder.profile().name(), "", "Frank"),
                new PasswordHash("changed"));

        assertThat(users.upsert(renamed)).isEqualTo(Upsert.NAME_TAKEN);
        assertThat(users.findById(other.id())).contains(other);
    }

    @Test
    void renaming_a_user_frees_its_old_login_name() {
        String oldName = fresh("gina");
        User gina = user(fresh("id"), oldName, "");
        users.upsert(gina);
        users.upsert(new User(gina.id(), gina.tenant(), profile(fresh("georgina"), "", "G"), gina.password()));

        assertThat(users.findByLogin(oldName)).isEmpty();
        assertThat(users.upsert(user(fresh("id"), oldName, ""))).isEqualTo(Upsert.INSERTED);
    }

    @Test
    void a_login_with_an_at_sign_finds_the_user_by_email() {
        String email = fresh("hank") + "@example.com";
        User hank = user(fresh("id"), fresh("hank"), email);
        users.upsert(hank);
        assertThat(users.findByLogin(email)).contains(hank);
    }

    @Test
    void an_email_shared_by_two_users_logs_in_nobody() {
        String email = fresh("shared") + "@example.com";
        users.upsert(user(fresh("id"), fresh("ivy"), email));
        users.upsert(user(fresh("id"), fresh("jack"), email));
        assertThat(users.findByLogin(email)).isEmpty();
    }

    @Test
    void unknown_ids_and_logins_are_not_found() {
        assertThat(users.findById(new UserId(fresh("nobody")))).isEmpty();
        assertThat(users.findByLogin(fresh("nobody"))).isEmpty();
        assertThat(users.findByLogin(fresh("nobody") + "@example.com")).isEmpty();
    }

    @Test
    void find_by_ids_answers_the_known_users_by_id_in_the_order_asked_once_each() {
        User a = user(fresh("id"), fresh("fa"), "");
        User b = user(fresh("id"), fresh("fb"), "");
        User c = user(fresh("id"), fresh("fc"), "");
        List.of(a, b, c).forEach(users::upsert);
        UserId unknown = new UserId(fresh("nobody"));

        Map<UserId, User> found = users.findByIds(List.of(c.id(), unknown, a.id(), c.id(), b.id()));

        assertThat(found).containsExactly(Map.entry(c.id(), c), Map.entry(a.id(), a), Map.entry(b.id(), b));
        assertThat(users.findByIds(List.of(unknown))).isEmpty();
        assertThat(users.findByIds(List.of())).isEmpty();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void find_by_ids_answers_a_thousand_ids_at_once() throws Exception {
        List<User> stored = insertedConcurrently(700, "many");
        users.findById(stored.get(1).id()); // one of them read (and cached, where the adapter caches) before
        List<UserId> asked = new ArrayList<>();
        Map<UserId, User> expected = new LinkedHashMap<>();
        for (int i = stored.size() - 1; i >= 0; i--) { // not in id order
            asked.add(stored.get(i).id());
            expected.put(stored.get(i).id(), stored.get(i));
            if (i % 2 == 0) {
                asked.add(new UserId(fresh("unknown")));
            }
        }

        assertThat(users.findByIds(asked)).containsExactlyEntriesOf(expected);
    }

    @Test
    void find_by_ids_sees_what_was_written_since_the_last_look_up() {
        User before = user(fresh("id"), fresh("fresh"), "");
        users.upsert(before);
        assertThat(users.findById(before.id())).contains(before);
        User renamed = new User(before.id(), TENANT, profile(before.profile().name(), "", "Renamed"), before.password());
        users.upsert(renamed);

        assertThat(users.findByIds(List.of(before.id()))).containsExactly(Map.entry(before.id(), renamed));

        User again = new User(before.id(), TENANT, profile(before.profile().name(), "", "Again"), before.password());
        users.upsert(again);
        users.updatePassword(before.id(), new PasswordHash("changed"));
        assertThat(users.findByIds(List.of(before.id())).get(before.id()))
                .isEqualTo(again.withPassword(new PasswordHash("changed")));
        assertThat(users.findById(before.id())).contains(again.withPassword(new PasswordHash("changed")));
    }

    @Test
    void update_password_replaces_only_the_password() {
        User kim = user(fresh("id"), fresh("kim"), "");
        users.upsert(kim);
        users.updatePassword(kim.id(), new PasswordHash("pbkdf2-sha256$1$c2FsdA$aGFzaA"));
        assertThat(users.findById(kim.id())).contains(kim.withPassword(new PasswordHash("pbkdf2-sha256$1$c2FsdA$aGFzaA")));
    }

    @Test
    void update_password_of_an_unknown_user_changes_nothing() {
        UserId nobody = new UserId(fresh("nobody"));
        users.updatePassword(nobody, new PasswordHash("x"));
        assertThat(users.findById(nobody)).isEmpty();
    }

    @Test
    void a_device_can_be_recorded_again_on_every_login() {
        User lee = user(fresh("id"), fresh("lee"), "");
        users.upsert(lee);
        Instant first = Instant.parse("2025-06-01T08:00:00Z");
        assertThatCode(() -> {
            users.recordDevice(new Device(lee.id(), "android", "device-1", first));
            users.recordDevice(new Device(lee.id(), "android", "device-1", first.plusSeconds(60)));
            users.recordDevice(new Device(lee.id(), "ios", "device-2", first.plusSeconds(120)));
        }).doesNotThrowAnyException();
    }

    @Test
    void search_matches_a_substring_of_nickname_login_name_or_pinyin_within_the_tenant() {
        TenantId tenant = new TenantId(fresh("t"));
        String tag = fresh("k").replace("-", "");
        User byNickname = searchable(tenant, "nk", "Nick " + tag + " Jr", "", "", "");
        User byName = searchable(tenant, "nm", "Name match", tag + "x", "", "");
        User byInitial = searchable(tenant, "pi", "Initial match", "", "x" + tag, "");
        User byQuanpin = searchable(tenant, "pq", "Quanpin match", "", "", "zhang" + tag);
        User noMatch = searchable(tenant, "no", "Nobody", "", "", "");
        users.upsert(new User(new UserId(fresh("id")), tenant, new UserProfile(fresh("mail"), "Mail", tag + "@x.org",
                tag, "", "1", "", "", tag), new PasswordHash("pw"))); // e-mail, mobile and area do not count
        searchable(new TenantId(fresh("t")), "ot", "Other tenant " + tag, "", "", "");

        Page page = users.search(tenant, tag, 0, 10);
        assertThat(page.users()).containsExactly(byInitial, byName, byNickname, byQuanpin);
        assertThat(page.total()).isEqualTo(4);
        assertThat(users.search(tenant, "", 0, 10).users()).contains(noMatch).hasSize(6);
        assertThat(users.search(tenant, fresh("absent"), 0, 10)).isEqualTo(new Page(List.of(), 0));
    }

    @Test
    void search_takes_percent_underscore_and_escape_characters_literally() {
        TenantId tenant = new TenantId(fresh("t"));
        User percent = searchable(tenant, "a", "50% off", "", "", "");
        User underscore = searchable(tenant, "b", "snake_case", "", "", "");
        User bang = searchable(tenant, "c", "wow!", "", "", "");
        User backslash = searchable(tenant, "d", "back\\slash", "", "", "");
        User quote = searchable(tenant, "e", "it's", "", "", "");
        searchable(tenant, "f", "plain 50 offsnakeXcase wow back slash its", "", "", "");

        assertThat(users.search(tenant, "%", 0, 10).users()).containsExactly(percent);
        assertThat(users.search(tenant, "0% ", 0, 10).users()).containsExactly(percent);
        assertThat(users.search(tenant, "_", 0, 10).users()).containsExactly(underscore);
        assertThat(users.search(tenant, "e_c", 0, 10).users()).containsExactly(underscore);
        assertThat(users.search(tenant, "!", 0, 10).users()).containsExactly(bang);
        assertThat(users.search(tenant, "\\", 0, 10).users()).containsExactly(backslash);
        assertThat(users.search(tenant, "k\\s", 0, 10).users()).containsExactly(backslash);
        assertThat(users.search(tenant, "'", 0, 10).users()).containsExactly(quote);
        assertThat(users.search(tenant, "!%", 0, 10).total()).isZero();
    }

    @Test
    void search_matches_case_as_stored() {
        TenantId tenant = new TenantId(fresh("t"));
        User mixed = searchable(tenant, "a", "MiXeD", "", "", "");
        User chinese = searchable(tenant, "b", "张伟", "", "zw", "zhangwei");

        assertThat(users.search(tenant, "XeD", 0, 10).users()).containsExactly(mixed);
        assertThat(users.search(tenant, "xed", 0, 10).total()).isZero();
        assertThat(users.search(tenant, "伟", 0, 10).users()).containsExactly(chinese);
        assertThat(users.search(tenant, "ZW", 0, 10).total()).isZero();
    }

    @Test
    void search_orders_by_nickname_then_id_and_pages_with_offset_and_limit() {
        TenantId tenant = new TenantId(fresh("t"));
        String prefix = fresh("s");
        User c = searchable(tenant, new UserId(prefix + "-1"), "Carol", "", "", "");
        User a2 = searchable(tenant, new UserId(prefix + "-3"), "Anna", "", "", "");
        User b = searchable(tenant, new UserId(prefix + "-4"), "Bert", "", "", "");
        User a1 = searchable(tenant, new UserId(prefix + "-2"), "Anna", "", "", "");
        User z = searchable(tenant, new UserId(prefix + "-5"), "赵", "", "", "");

        assertThat(users.search(tenant, "", 0, 10)).isEqualTo(new Page(List.of(a1, a2, b, c, z), 5));
        assertThat(users.search(tenant, "", 0, 2)).isEqualTo(new Page(List.of(a1, a2), 5));
        assertThat(users.search(tenant, "", 2, 2)).isEqualTo(new Page(List.of(b, c), 5));
        assertThat(users.search(tenant, "", 4, 2)).isEqualTo(new Page(List.of(z), 5));
        assertThat(users.search(tenant, "", 5, 2)).isEqualTo(new Page(List.of(), 5));
        assertThat(users.search(tenant, "", 50, 2)).isEqualTo(new Page(List.of(), 5));
        assertThat(users.search(tenant, "nn", 1, 10)).isEqualTo(new Page(List.of(a2), 2));
    }

    // Concurrent upserts may be committed together (group commit): these prove that every answer agrees with
    // what is stored afterwards, also for calls that meet in one batch.

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void concurrent_upserts_of_distinct_users_are_all_inserted_then_all_updated() throws Exception {
        List<User> created = insertedConcurrently(400, "con");

        List<User> changed = created.stream().map(u -> new User(u.id(), u.tenant(),
                profile(u.profile().name(), "", "Changed " + u.id()), PasswordHash.none())).toList();
        assertThat(concurrently(changed.size(), i -> users.upsert(changed.get(i)))).containsOnly(Upsert.UPDATED);
        for (int i = 0; i < created.size(); i++) {
            assertThat(users.findById(created.get(i).id())).contains(changed.get(i).withPassword(created.get(i).password()));
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void concurrent_upserts_of_one_new_user_insert_it_once_and_keep_one_of_the_versions() throws Exception {
        UserId id = new UserId(fresh("id"));
        String name = fresh("same");
        List<User> versions = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            PasswordHash password = i % 2 == 0 ? new PasswordHash("pw-" + i) : PasswordHash.none();
            versions.add(new User(id, TENANT, profile(name, "", "Version " + i), password));
        }

        List<Upsert> answers = concurrently(versions.size(), i -> users.upsert(versions.get(i)));

        assertThat(answers).filteredOn(a -> a == Upsert.INSERTED).hasSize(1);
        assertThat(answers).filteredOn(a -> a == Upsert.UPDATED).hasSize(versions.size() - 1);
        User stored = users.findById(id).orElseThrow();
        User version = versions.stream().filter(v -> v.profile().equals(stored.profile())).findFirst().orElseThrow();
        if (version.password().isSet()) {
            assertThat(stored.password()).isEqualTo(version.password());
        } else { // kept from an earlier version, or none when this one inserted the user
            assertThat(versions).extracting(User::password).contains(stored.password());
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void concurrent_new_users_with_one_login_name_let_exactly_one_in() throws Exception {
        String name = fresh("popular");
        List<User> claimants = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            claimants.add(user(fresh("id"), name, ""));
        }

        List<Upsert> answers = concurrently(claimants.size(), i -> users.upsert(claimants.get(i)));

        assertThat(answers).containsOnly(Upsert.INSERTED, Upsert.NAME_TAKEN);
        assertThat(answers).filteredOn(a -> a == Upsert.INSERTED).hasSize(1);
        User winner = claimants.get(answers.indexOf(Upsert.INSERTED));
        assertThat(users.findByLogin(name)).contains(winner);
        for (int i = 0; i < claimants.size(); i++) {
            if (answers.get(i) == Upsert.NAME_TAKEN) {
                assertThat(users.findById(claimants.get(i).id())).isEmpty();
            }
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void concurrent_renames_to_one_free_name_let_exactly_one_through() throws Exception {
        List<User> before = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            User u = user(fresh("id"), fresh("renamer"), "");
            users.upsert(u);
            before.add(u);
        }
        String target = fresh("target");
        List<User> renamed = before.stream()
                .map(u -> new User(u.id(), u.tenant(), profile(target, "", "Renamed"), u.password())).toList();

        List<Upsert> answers = concurrently(renamed.size(), i -> users.upsert(renamed.get(i)));

        assertThat(answers).containsOnly(Upsert.UPDATED, Upsert.NAME_TAKEN);
        assertThat(answers).filteredOn(a -> a == Upsert.UPDATED).hasSize(1);
        for (int i = 0; i < before.size(); i++) {
            User expected = answers.get(i) == Upsert.UPDATED ? renamed.get(i) : before.get(i);
            assertThat(users.findById(before.get(i).id())).contains(expected);
            assertThat(users.findByLogin(before.get(i).profile().name()))
                    .isEqualTo(answers.get(i) == Upsert.UPDATED ? Optional.empty() : Optional.of(before.get(i)));
        }
        assertThat(users.findByLogin(target)).contains(renamed.get(answers.indexOf(Upsert.UPDATED)));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void concurrent_upserts_of_one_id_from_two_tenants_leave_it_in_the_tenant_that_inserted_it() throws Exception {
        UserId id = new UserId(fresh("id"));
        String name = fresh("split");
        List<User> calls = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            TenantId tenant = i % 2 == 0 ? TENANT : new TenantId("t2");
            calls.add(new User(id, tenant, profile(name, "", "Call " + i), new PasswordHash("pw-" + i)));
        }

        List<Upsert> answers = concurrently(calls.size(), i -> users.upsert(calls.get(i)));

        assertThat(answers).filteredOn(a -> a == Upsert.INSERTED).hasSize(1);
        TenantId owner = calls.get(answers.indexOf(Upsert.INSERTED)).tenant();
        User stored = users.findById(id).orElseThrow();
        assertThat(stored.tenant()).isEqualTo(owner);
        assertThat(calls).contains(stored);
        for (int i = 0; i < calls.size(); i++) {
            if (answers.get(i) != Upsert.INSERTED) {
                assertThat(answers.get(i))
                        .isEqualTo(calls.get(i).tenant().equals(owner) ? Upsert.UPDATED : Upsert.OTHER_TENANT);
            }
        }
        assertThat(answers.get(calls.indexOf(stored))).isIn(Upsert.INSERTED, Upsert.UPDATED);
    }

    @Test
    void ids_of_tenant_pages_through_the_tenant_in_id_order() {
        TenantId tenant = new TenantId(fresh("t"));
        String prefix = fresh("p");
        List<UserId> expected = new ArrayList<>();
        for (String suffix : List.of("b", "A", "a", "10", "9", "a.b", "a-b", "a:b", "Z")) {
            UserId id = new UserId(prefix + suffix);
            users.upsert(new User(id, tenant, profile(fresh("n"), "", "Same nick"), new PasswordHash("pw")));
            expected.add(id);
        }
        users.upsert(user(fresh("id"), fresh("other"), "")); // another tenant
        expected.sort(java.util.Comparator.comparing(UserId::value));

        assertThat(users.idsOfTenant(tenant, "", 100)).isEqualTo(expected);
        List<UserId> walked = new ArrayList<>();
        String after = "";
        for (List<UserId> page = users.idsOfTenant(tenant, after, 4); !page.isEmpty();
                page = users.idsOfTenant(tenant, after, 4)) {
            assertThat(page.size()).isLessThanOrEqualTo(4);
            walked.addAll(page);
            after = page.get(page.size() - 1).value();
        }
        assertThat(walked).isEqualTo(expected);
        assertThat(users.idsOfTenant(tenant, expected.get(2).value(), 2)).isEqualTo(expected.subList(3, 5));
        assertThat(users.idsOfTenant(tenant, expected.get(expected.size() - 1).value(), 10)).isEmpty();
    }

    @Test
    void ids_of_an_unknown_tenant_are_none() {
        assertThat(users.idsOfTenant(new TenantId(fresh("t")), "", 10)).isEmpty();
    }

    /** {@code count} new users with login names starting with {@code prefix}, upserted concurrently: all inserted. */
    private List<User> insertedConcurrently(int count, String prefix) throws Exception {
        List<User> created = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            created.add(user(fresh("id"), fresh(prefix), ""));
        }
        assertThat(concurrently(created.size(), i -> users.upsert(created.get(i)))).containsOnly(Upsert.INSERTED);
        return created;
    }

    /** Runs {@code call(0..count-1)} on {@code count} threads let go at once; the answers by index. */
    private static List<Upsert> concurrently(int count, IntFunction<Upsert> call) throws Exception {
        int threads = Math.min(count, 64);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger next = new AtomicInteger();
        Upsert[] answers = new Upsert[count];
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        answers[i] = call.apply(i);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return Arrays.asList(answers);
    }

    private User searchable(TenantId tenant, String name, String nickname, String nameInfix, String pyInitial,
            String pyQuanpin) {
        return searchable(tenant, new UserId(fresh("id")), nickname, nameInfix, pyInitial, pyQuanpin, name);
    }

    private User searchable(TenantId tenant, UserId id, String nickname, String nameInfix, String pyInitial,
            String pyQuanpin) {
        return searchable(tenant, id, nickname, nameInfix, pyInitial, pyQuanpin, "s");
    }

    /** A user whose login name is unique and contains {@code nameInfix}; e-mail, mobile and area are empty. */
    private User searchable(TenantId tenant, UserId id, String nickname, String nameInfix, String pyInitial,
            String pyQuanpin, String name) {
        String login = name + nameInfix + "-" + SEQ.incrementAndGet() + "-" + RUN_DIGITS; // no letters to match
        User user = new User(id, tenant, new UserProfile(login, nickname, "", "", "", "1", pyInitial, pyQuanpin, ""),
                new PasswordHash("pw"));
        assertThat(users.upsert(user)).isEqualTo(Upsert.INSERTED);
        return user;
    }

    private static String fresh(String prefix) {
        return prefix + "-" + RUN + "-" + SEQ.incrementAndGet();
    }

    private static User user(String id, String name, String email) {
        return new User(new UserId(id), TENANT, profile(name, email, "Nick " + name), new PasswordHash("plain-pw"));
    }

    private static UserProfile profile(String name, String email, String nickname) {
        return new UserProfile(name, nickname, email, "13800000000", "", "1", "nk", "nick", "Beijing");
    }
}
