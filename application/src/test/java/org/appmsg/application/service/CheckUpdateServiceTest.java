package org.appmsg.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.appmsg.application.port.in.CheckUpdateUseCase;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.release.ClientRelease;
import org.junit.jupiter.api.Test;

class CheckUpdateServiceTest {

    private final Fixture f = new Fixture();
    private final ClientRelease android11 = new ClientRelease("Android", 11, "1.1", "old", "https://x/1.1.apk", "");
    private final ClientRelease android12 = new ClientRelease("Android", 12, "1.2", "new", "https://x/1.2.apk",
            "1.2.apk");
    private final CheckUpdateService service = new CheckUpdateService(f.authenticate, List.of(android12, android11));

    @Test
    void the_newest_release_of_the_platform_named_in_any_case() {
        f.user("alice", "t1");
        Secret token = f.tokenOf("alice");

        assertThat(service.check(new CheckUpdateUseCase.Query(token, "ANDROID")))
                .isEqualTo(new CheckUpdateUseCase.Result.Latest(android12));
        assertThat(service.check(new CheckUpdateUseCase.Query(token, "iOS")))
                .isEqualTo(new CheckUpdateUseCase.Result.NoRelease("iOS"));
    }

    @Test
    void only_for_a_signed_in_user() {
        assertThat(service.check(new CheckUpdateUseCase.Query(new Secret("forged"), "Android")))
                .isInstanceOf(CheckUpdateUseCase.Result.Unauthorized.class);
    }
}
