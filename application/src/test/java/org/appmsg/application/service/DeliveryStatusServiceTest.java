package org.appmsg.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.appmsg.application.fake.InMemoryDeliveryStatusLog;
import org.appmsg.application.port.in.AuthenticateApplicationUseCase;
import org.appmsg.application.port.in.GetDeliveryStatusUseCase.Query;
import org.appmsg.application.port.in.GetDeliveryStatusUseCase.Result;
import org.appmsg.domain.auth.Secret;
import org.appmsg.domain.message.DeliveryStatus.ApnsState;
import org.appmsg.domain.message.MessageId;
import org.appmsg.domain.name.Name;
import org.appmsg.domain.shared.AppId;
import org.appmsg.domain.shared.CustomerId;
import org.appmsg.domain.shared.TenantId;
import org.appmsg.domain.tenant.Application;
import org.junit.jupiter.api.Test;

class DeliveryStatusServiceTest {

    private static final Instant KEEP = Instant.parse("2999-01-01T00:00:00Z");
    private static final Secret APP1 = new Secret("token-app1");
    private static final Secret APP2 = new Secret("token-app2");
    private static final Name BOB = Name.parse("bob@user");
    private static final MessageId FROM_APP1 = new MessageId(11);
    private static final MessageId FROM_ALICE = new MessageId(12);

    private final InMemoryDeliveryStatusLog log = new InMemoryDeliveryStatusLog();
    private final Map<Secret, AuthenticateApplicationUseCase.Granted> apps = Map.of(
            APP1, granted("app1"), APP2, granted("app2"));
    private final DeliveryStatusService service = new DeliveryStatusService(
            token -> Optional.ofNullable(apps.get(token)), log);

    private static AuthenticateApplicationUseCase.Granted granted(String id) {
        return new AuthenticateApplicationUseCase.Granted(
                new Application(new AppId(id), "App " + id, new TenantId("t1"), true), new CustomerId("c1"));
    }

    DeliveryStatusServiceTest() {
        log.stored(FROM_APP1, Name.parse("app1@app"), BOB, 4, 1, KEEP);
        log.apns(FROM_APP1, BOB, "iOS-b1", ApnsState.ACCEPTED, "", KEEP);
        log.stored(FROM_ALICE, Name.parse("alice@user"), BOB, 5, 0, KEEP);
    }

    @Test
    void an_application_reads_the_status_of_a_message_it_sent() {
        Result result = service.status(new Query(Optional.of(APP1), FROM_APP1));

        assertThat(result).isInstanceOf(Result.Status.class);
        var recipient = ((Result.Status) result).status().recipients().get(0);
        assertThat(recipient.mailbox()).isEqualTo(BOB);
        assertThat(recipient.devices().get(0).state()).isEqualTo(ApnsState.ACCEPTED);
    }

    @Test
    void another_senders_message_answers_like_an_unknown_one() {
        assertThat(service.status(new Query(Optional.of(APP2), FROM_APP1))).isEqualTo(new Result.NotFound());
        assertThat(service.status(new Query(Optional.of(APP1), FROM_ALICE))).isEqualTo(new Result.NotFound());
        assertThat(service.status(new Query(Optional.of(APP1), new MessageId(99)))).isEqualTo(new Result.NotFound());
    }

    @Test
    void an_unknown_token_is_unauthorized_even_for_an_existing_message() {
        assertThat(service.status(new Query(Optional.of(new Secret("nope")), FROM_APP1)))
                .isEqualTo(new Result.Unauthorized());
    }

    @Test
    void the_operator_reads_any_message() {
        assertThat(service.status(new Query(Optional.empty(), FROM_ALICE))).isInstanceOf(Result.Status.class);
        assertThat(service.status(new Query(Optional.empty(), new MessageId(99)))).isEqualTo(new Result.NotFound());
    }
}
