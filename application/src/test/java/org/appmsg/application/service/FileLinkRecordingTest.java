package org.appmsg.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.appmsg.application.port.in.PushApplicationMessageUseCase;
import org.appmsg.application.port.in.SendMessageUseCase;
import org.appmsg.application.port.out.FileLinks;
import org.appmsg.application.port.out.StorageUnavailableException;
import org.appmsg.domain.file.FileUpload;
import org.appmsg.domain.message.Lifetime;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.session.SessionSelector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pushes that refer to an uploaded file record the sender's link to it (R20). */
class FileLinkRecordingTest {

    private static final FileUpload FILE = new FileUpload("3,01637037d6", "a.png", "127.0.0.1:8080/3,01637037d6", 42);
    private static final String OBJECT = "{\"responseUpload\":{\"fid\":\"3,01637037d6\",\"fileName\":\"a.png\","
            + "\"fileUrl\":\"127.0.0.1:8080/3,01637037d6\",\"size\":42}}";

    private final Fixture f = new Fixture();

    @BeforeEach
    void users() {
        f.twoCustomers();
        f.user("alice", "t1");
        f.user("bob", "t1");
    }

    @Test
    void a_device_push_with_a_file_records_the_senders_link_at_the_message_time() {
        var result = f.send.send(filePush(Optional.of(FILE)));

        assertThat(result).isInstanceOf(SendMessageUseCase.Result.Accepted.class);
        assertThat(f.fileLinks.links(FILE.fid())).containsExactly(
                java.util.Map.entry(Name.parse("alice@user"), f.clock.instant()));
    }

    @Test
    void a_live_only_file_message_records_the_link_too() {
        var command = new SendMessageUseCase.Command(f.tokenOf("alice"), "Android-alice", Name.parse("alice@user"),
                Name.parse("bob@user"), 3, "", "", OBJECT, Lifetime.ofExpireSeconds(0), new SessionSelector.All(),
                Optional.of(FILE));

        f.send.send(command);

        assertThat(f.fileLinks.links(FILE.fid())).containsOnlyKeys(Name.parse("alice@user"));
    }

    @Test
    void a_message_without_a_file_records_nothing_and_a_refused_one_neither() {
        f.send.send(filePush(Optional.empty()));
        var mismatch = new SendMessageUseCase.Command(f.tokenOf("alice"), "", Name.parse("bob@user"),
                Name.parse("bob@user"), 2, "", "", OBJECT, Lifetime.serverDefault(), new SessionSelector.All(),
                Optional.of(FILE));
        assertThat(f.send.send(mismatch)).isInstanceOf(SendMessageUseCase.Result.SenderMismatch.class);

        assertThat(f.fileLinks.touches()).isZero();
    }

    @Test
    void an_application_push_with_a_file_records_the_applications_link() {
        var push = appPush(f.fileLinks);

        var result = push.push(new PushApplicationMessageUseCase.Command(f.t1App,
                List.of(Name.parse("alice@user"), Name.parse("bob@user")), new SessionSelector.All(),
                Lifetime.serverDefault(), 2, "", OBJECT, "", Optional.of(FILE)));

        assertThat(result).isInstanceOf(PushApplicationMessageUseCase.Result.Pushed.class);
        assertThat(f.fileLinks.links(FILE.fid())).containsOnlyKeys(Name.parse("a-t1@app"));
        assertThat(f.fileLinks.touches()).as("once per push, not per recipient").isEqualTo(1);
    }

    @Test
    void a_link_that_cannot_be_recorded_does_not_fail_the_push_that_is_already_stored() {
        FileLinks broken = new FileLinks() {
            @Override
            public void touch(FileUpload file, Name sender, Instant at) {
                throw new StorageUnavailableException("database down", new RuntimeException());
            }

            @Override
            public List<DueFile> due(Instant unusedBefore, Instant now, int limit) {
                return List.of();
            }

            @Override
            public Optional<Instant> lastUse(String fileId) {
                return Optional.empty();
            }

            @Override
            public boolean markDeleted(String fileId, Instant unusedBefore) {
                return true;
            }

            @Override
            public void markFailed(String fileId, int attempts, Instant retryAt) {}
        };
        var send = new SendMessageService(f.authenticate, f.users, f.mailbox, f.live, f.presence, f.ids, f.clock,
                Duration.ofDays(7), broken, f.quns,
                SendMessageService.Broadcasting.defaults(f.pushPermissions, f.orgs, f.directory));

        assertThat(send.send(filePush(Optional.of(FILE)))).isInstanceOf(SendMessageUseCase.Result.Accepted.class);
        assertThat(appPush(broken).push(new PushApplicationMessageUseCase.Command(f.t1App,
                List.of(Name.parse("alice@user")), new SessionSelector.All(), Lifetime.serverDefault(), 2, "",
                OBJECT, "", Optional.of(FILE)))).isInstanceOf(PushApplicationMessageUseCase.Result.Pushed.class);
        assertThat(f.mailbox.messageCount()).isEqualTo(2);
    }

    private SendMessageUseCase.Command filePush(Optional<FileUpload> file) {
        return new SendMessageUseCase.Command(f.tokenOf("alice"), "Android-alice", Name.parse("alice@user"),
                Name.parse("bob@user"), file.isPresent() ? 2 : 1, "hi", "", file.isPresent() ? OBJECT : "",
                Lifetime.serverDefault(), new SessionSelector.All(), file);
    }

    private PushApplicationMessageService appPush(FileLinks links) {
        return new PushApplicationMessageService(f.access,
                new PushApplicationMessageService.Directory(f.users, f.orgs, f.directory, f.quns),
                new org.appmsg.application.fake.InMemoryShieldRepository(),
                new PushApplicationMessageService.FanOut(f.mailbox, f.live, f.presence, links), f.ids, f.clock,
                PushApplicationMessageService.Limits.defaults(Duration.ofDays(7)));
    }
}
