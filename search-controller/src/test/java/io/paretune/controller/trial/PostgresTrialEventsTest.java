package io.paretune.controller.trial;

import io.paretune.controller.persistence.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.condition.EnabledIf;

/** {@link TrialEventsTest} on PostgreSQL; skipped when no server listens on 127.0.0.1:5432. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
@EnabledIf(value = "io.paretune.controller.persistence.PostgresProfile#reachable", disabledReason = PostgresProfile.SKIPPED)
class PostgresTrialEventsTest extends TrialEventsTest {
}
