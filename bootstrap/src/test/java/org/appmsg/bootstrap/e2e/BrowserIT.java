package org.appmsg.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.appmsg.bootstrap.AppmsgServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The web app (/web/) and the browser library in a real headless Chromium against a real server (embedded
 * H2): three people in three independent browser sessions sign in, chat one to one and in a group, a tab
 * is reloaded while messages arrive, the server restarts under open pages, and a revoked token ends on the
 * sign-in screen. The steps build on each other, so they run in order on one server and one browser.
 * Screenshots of the main screens go to target/screenshots (and to APPMSG_SCREENSHOTS_DIR when set, which
 * is how docs/screenshots is refreshed).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserIT extends ServerFixture {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private int httpPort;
    private int wsPort;
    private Chromium chromium;
    private Chromium.Tab alice;
    private Chromium.Tab bob;
    private Chromium.Tab carol;
    private String aliceHttpToken;
    private String groupName;
    private final List<String> bobSeesFromAlice = new ArrayList<>();

    @Override
    String databaseUrl() {
        return "";
    }

    /** Fixed ports: the pages must find the same origin and gateway after the restart. */
    @Override
    void moreSettings(Map<String, String> env) {
        if (httpPort == 0) {
            httpPort = freePort();
            wsPort = freePort();
        }
        env.put("APPMSG_HTTP_PORT", Integer.toString(httpPort));
        env.put("APPMSG_WS_PORT", Integer.toString(wsPort));
    }

    private static int freePort() {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    void openBrowser() throws Exception {
        syncUser("carol", "carol-login", "Carol", "carol-pw");
        aliceHttpToken = login("alice-login", "alice-pw", "Android-a1");
        appCall("syncOrg", Client.obj().set("org", Client.obj().put("id", "hq").put("name", "Head office")));
        appCall("syncOrg", Client.obj().set("org", Client.obj().put("id", "rd").put("name", "R&D").put("parentId", "hq")));
        for (String uid : List.of("alice", "bob", "carol")) {
            appCall("addOrgUser", Client.obj().put("orgid", "rd").put("uid", uid));
        }
        var star = Client.obj().put("uid", "carol").put("starFriend", 1);
        star.putObject("baseRequest").put("token", aliceHttpToken);
        assertThat(ret(client.post("/app/client/device/addOrRemoveContact", star))).isZero();
        chromium = Chromium.launch();
        alice = chromium.newTab();
        bob = chromium.newTab();
        carol = chromium.newTab();
    }

    @AfterAll
    void closeBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    private void appCall(String route, com.fasterxml.jackson.databind.node.ObjectNode body) {
        body.putObject("baseRequest").put("token", appToken);
        JsonNode r = client.post("/app/client/app/" + route, body);
        assertThat(ret(r)).as(r.toString()).isZero();
    }

    private String page() {
        return "http://127.0.0.1:" + httpPort + "/web/";
    }

    private void signIn(Chromium.Tab tab, String login, String password) {
        tab.open(page());
        tab.waitUntil("!document.getElementById('signin').hidden", WAIT);
        tab.type("username", login);
        tab.type("password", password);
        tab.click("#signin-button");
        waitOnline(tab);
    }

    private static void waitOnline(Chromium.Tab tab) {
        tab.waitUntil("document.getElementById('connection').textContent === 'online'", WAIT);
    }

    /** The open conversation's entries: a message's body text, or a notice's text. */
    private static List<String> shown(Chromium.Tab tab) {
        JsonNode items = tab.eval("[...document.querySelectorAll('#messages > li')].map(li => "
                + "li.classList.contains('notice') ? 'notice:' + li.textContent : li.querySelector('.body').textContent)");
        List<String> texts = new ArrayList<>();
        items.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static void waitShown(Chromium.Tab tab, String text) {
        tab.waitUntil(() -> shown(tab).contains(text), WAIT, "'" + text + "' in the open conversation");
    }

    private static void openConversation(Chromium.Tab tab, String peer) {
        String selector = "#conversations li[data-peer=\"" + peer + "\"]";
        tab.click("#tab-messages");
        tab.waitUntil("document.querySelector('" + selector.replace("'", "\\'") + "')", WAIT);
        tab.click(selector);
    }

    private static void send(Chromium.Tab tab, String text) {
        tab.type("compose-text", text);
        tab.click("#send");
        waitShown(tab, text);
    }

    private void screenshot(Chromium.Tab tab, String name) throws IOException {
        tab.screenshot(Path.of("target", "screenshots", name + ".png"));
        String docs = System.getenv("APPMSG_SCREENSHOTS_DIR");
        if (docs != null && !docs.isBlank()) {
            tab.screenshot(Path.of(docs, name + ".png"));
        }
    }

    @Test
    @Order(1)
    void two_people_sign_in_in_two_browsers_and_chat() throws Exception {
        alice.open(page());
        alice.waitUntil("!document.getElementById('signin').hidden", WAIT);
        alice.type("username", "alice-login");
        alice.type("password", "wrong");
        alice.click("#signin-button");
        alice.waitUntil("document.getElementById('signin-error').textContent === 'Wrong user name or password.'", WAIT);
        screenshot(alice, "signin");
        assertThat(alice.text("location.href")).isEqualTo(page());

        signIn(alice, "alice-login", "alice-pw");
        signIn(bob, "bob-login", "bob-pw");
        assertThat(alice.text("location.href")).as("no password or token in the address").isEqualTo(page());

        alice.click("#tab-contacts");
        alice.type("search", "Bob");
        alice.waitUntil("document.querySelector('#search-results li[data-uid=\"bob\"]')", WAIT);
        alice.click("#search-results li[data-uid=\"bob\"]");
        send(alice, "hello bob");

        bob.waitUntil("document.querySelector('#conversations li[data-peer=\"alice@user\"] .badge')?.textContent === '1'", WAIT);
        assertThat(bob.text("document.getElementById('unread-total').textContent")).isEqualTo("1");
        openConversation(bob, "alice@user");
        waitShown(bob, "hello bob");
        bob.waitUntil("!document.querySelector('#conversations li[data-peer=\"alice@user\"] .badge')", WAIT);
        send(bob, "hi alice");
        waitShown(alice, "hi alice");
        assertThat(shown(alice)).containsExactly("hello bob", "hi alice");
        assertThat(shown(bob)).containsExactly("hello bob", "hi alice");
        bobSeesFromAlice.addAll(List.of("hello bob", "hi alice"));
        screenshot(alice, "chat");
    }

    @Test
    @Order(2)
    void a_third_person_joins_a_group_and_everyone_sees_the_notices_as_notices() throws Exception {
        signIn(carol, "carol-login", "carol-pw");
        alice.click("#tab-messages");
        alice.click("#new-group");
        alice.type("group-topic", "Project X");
        alice.type("group-members-input", "bob");
        alice.click("#group-create");
        alice.waitUntil("document.getElementById('chat-title').textContent === 'Project X'", WAIT);
        groupName = alice.text("document.querySelector('#conversations li.open').dataset.peer");
        assertThat(groupName).endsWith("@qun");
        waitShown(alice, "notice:您创建了群\"Project X\"");

        openConversation(bob, groupName);
        waitShown(bob, "notice:Alice邀请您加入了群聊\"Project X\"");

        alice.click("#group-manage");
        alice.waitUntil("document.querySelector('#group-members li[data-uid=\"bob\"]')", WAIT);
        alice.type("add-member-uid", "carol");
        alice.click("#add-member-form button");
        waitShown(alice, "notice:您邀请Carol等1人加入了群聊");
        waitShown(bob, "notice:Alice邀请Carol等1人加入了群聊");
        openConversation(carol, groupName);
        waitShown(carol, "notice:您被Alice邀请加入群聊");

        send(bob, "hi all");
        waitShown(carol, "hi all");
        waitShown(alice, "hi all");
        assertThat(carol.text("[...document.querySelectorAll('#messages li.message')].pop().querySelector('.sender').textContent"))
                .isEqualTo("Bob");
        assertThat(shown(carol)).containsExactly("notice:您被Alice邀请加入群聊", "hi all");
        alice.waitUntil("document.querySelector('#group-members li[data-uid=\"carol\"]')", WAIT);
        screenshot(alice, "group");
        alice.click("#tab-contacts");
        alice.waitUntil("document.querySelector('#org-tree li.org.mine.expanded li.person[data-uid=\"carol\"]')", WAIT);
        alice.waitUntil("document.querySelector('#starred li.person[data-uid=\"carol\"]')", WAIT);
        screenshot(alice, "contacts");
        openConversation(bob, "alice@user");
        alice.click("#tab-messages");
    }

    @Test
    @Order(3)
    void a_tab_reloaded_while_messages_arrive_shows_every_message_once_in_order() {
        openConversation(bob, "alice@user");
        List<String> burst = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            burst.add("r" + i);
        }
        var pushing = CompletableFuture.runAsync(() -> {
            for (String text : burst) {
                assertThat(ret(push(aliceHttpToken, "Android-a1", "alice@user", "bob@user", text))).isZero();
                sleep(25);
            }
        });
        sleep(200);
        bob.reload();
        sleep(300);
        bob.reload();
        pushing.join();
        bobSeesFromAlice.addAll(burst);

        waitOnline(bob);
        openConversation(bob, "alice@user");
        waitShown(bob, "r39");
        assertThat(shown(bob)).containsExactlyElementsOf(bobSeesFromAlice);
    }

    @Test
    @Order(4)
    void after_a_server_restart_open_pages_resume_without_loss_and_a_revoked_token_signs_out_without_a_loop()
            throws Exception {
        String carolToken = carol.text("JSON.parse(sessionStorage.getItem('appmsg.web.auth')).token");
        var revoke = Client.obj();
        revoke.putObject("baseRequest").put("token", carolToken);
        revoke.put("delToken", carolToken);
        assertThat(client.post("/app/client/device/delToken", revoke).get("deleted").asBoolean()).isTrue();

        server.close();
        server = AppmsgServer.start(config());
        client = new Client(server.httpPort(), server.adminPort());
        List<String> after = List.of("after restart 1", "after restart 2", "after restart 3");
        for (String text : after) {
            assertThat(ret(push(aliceHttpToken, "Android-a1", "alice@user", "bob@user", text))).isZero();
        }
        bobSeesFromAlice.addAll(after);

        waitOnline(bob);
        waitShown(bob, "after restart 3");
        assertThat(shown(bob)).containsExactlyElementsOf(bobSeesFromAlice);
        waitOnline(alice);

        carol.waitUntil("!document.getElementById('signin').hidden", WAIT);
        assertThat(carol.text("document.getElementById('signin-error').textContent"))
                .isEqualTo("Your session has ended. Please sign in again.");
        assertThat(carol.text("sessionStorage.getItem('appmsg.web.auth') ?? ''")).isEmpty();
        String opened = carol.text("sessionStorage.getItem('test.wsOpened')");
        sleep(3000);
        assertThat(carol.text("sessionStorage.getItem('test.wsOpened')")).as("no reconnect loop").isEqualTo(opened);
        screenshot(carol, "signed-out");
    }

    @Test
    @Order(5)
    void the_app_loads_in_under_a_second_with_5000_people_in_the_address_book_and_1000_messages() {
        syncUser("dave", "dave-login", "Dave", "dave-pw");
        appCall("syncOrg", Client.obj().set("org", Client.obj().put("id", "big").put("name", "Big org").put("parentId", "hq")));
        appCall("addOrgUser", Client.obj().put("orgid", "big").put("uid", "dave"));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var work = new ArrayList<CompletableFuture<Void>>();
            for (int i = 0; i < 4_999; i++) {
                String uid = "p" + i;
                work.add(CompletableFuture.runAsync(() -> {
                    var body = Client.obj().put("orgId", "big");
                    body.putObject("member").put("uid", uid).put("name", uid + "-login").put("nickName", "Person " + uid);
                    appCall("syncUser", body);
                }, pool));
            }
            for (int i = 0; i < 1_000; i++) {
                String text = "load " + i;
                work.add(CompletableFuture.runAsync(() -> assertThat(ret(
                        push(aliceHttpToken, "Android-a1", "alice@user", "dave@user", text))).isZero(), pool));
            }
            CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdown();
        }

        Chromium.Tab dave = chromium.newTab();
        signIn(dave, "dave-login", "dave-pw");
        String loaded = "document.querySelector('#conversations li[data-peer=\"alice@user\"] .badge')?.textContent === '1000'"
                + " && document.querySelector('#org-tree li.org.mine ul.people')?.dataset.total === '5000'"
                + " && document.querySelectorAll('#org-tree li.org.mine li.person').length >= 100"
                + " && document.getElementById('connection').textContent === 'online'";
        dave.waitUntil(loaded, WAIT);
        // -Dappmsg.browser.cpuThrottle=4 measures as if on a CPU four times slower (DevTools emulation).
        String throttle = System.getProperty("appmsg.browser.cpuThrottle");
        if (throttle != null) {
            dave.call("Emulation.setCPUThrottlingRate", Client.obj().put("rate", Double.parseDouble(throttle)));
        }
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            dave.call("Page.reload", Client.obj());
            dave.waitUntil(() -> {
                try {
                    return dave.eval("document.readyState !== 'loading' && (" + loaded + ")").asBoolean();
                } catch (IllegalStateException e) {
                    return false;
                }
            }, WAIT, "the reloaded app");
            times.add(dave.eval("Math.round(performance.now())").asLong());
        }
        System.out.println("web app load times (ms, navigation start to loaded, docs/client-js.md): " + times);
        // The median of five: one reload stalled by a neighbour's compile on the shared machine does not decide it.
        assertThat(times.stream().sorted().toList().get(2)).as("median load time, ms, of " + times).isLessThan(1000);
        // The rest of the address book follows in slices after the first screen: all 5,000, clickable.
        dave.waitUntil("document.querySelector('#org-tree li.org.mine ul.people').dataset.rendered === 'true'"
                + " && document.querySelectorAll('#org-tree li.org.mine li.person').length === 5000", WAIT);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static {
        try {
            Files.createDirectories(Path.of("target", "screenshots"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
