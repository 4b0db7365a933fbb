package org.appmsg.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.appmsg.application.port.in.ManagePushPermissionUseCase.Request;
import org.appmsg.application.port.in.ManagePushPermissionUseCase.Result;
import org.appmsg.domain.shared.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PushPermissionServiceTest {

    private static final UserId ALICE = new UserId("alice");

    private final Fixture f = new Fixture();
    private final PushPermissionService service = new PushPermissionService(f.users, f.pushPermissions, f.clock);

    @BeforeEach
    void users() {
        f.user("alice", "t1");
    }

    @Test
    void a_user_has_no_broadcast_permission_until_it_is_granted() {
        assertThat(service.manage(new Request.Read(ALICE))).isEqualTo(new Result.Permissions(ALICE, false));
    }

    @Test
    void a_grant_and_a_revoke_answer_the_permission_after_the_change() {
        assertThat(service.manage(new Request.Change(ALICE, true))).isEqualTo(new Result.Permissions(ALICE, true));
        assertThat(f.pushPermissions.mayBroadcast(ALICE)).isTrue();
        assertThat(service.manage(new Request.Read(ALICE))).isEqualTo(new Result.Permissions(ALICE, true));

        assertThat(service.manage(new Request.Change(ALICE, false))).isEqualTo(new Result.Permissions(ALICE, false));
        assertThat(f.pushPermissions.mayBroadcast(ALICE)).isFalse();
    }

    @Test
    void an_unknown_user_is_not_found_and_nothing_is_stored() {
        UserId ghost = new UserId("ghost");

        assertThat(service.manage(new Request.Change(ghost, true))).isInstanceOf(Result.NotFound.class);
        assertThat(service.manage(new Request.Read(ghost))).isEqualTo(new Result.NotFound("user ghost does not exist"));
        assertThat(f.pushPermissions.mayBroadcast(ghost)).isFalse();
    }
}
