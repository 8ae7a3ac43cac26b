package io.paretune.controller.campaign;

import io.paretune.contract.campaign.Budget;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OwnerQuotasTest {

    private static final QuotaConfig QUOTA = new QuotaConfig() {
        @Override
        public int activeCampaigns() {
            return 3;
        }

        @Override
        public int parallelTrials() {
            return 10;
        }

        @Override
        public long epochs() {
            return 1_000;
        }

        @Override
        public double writesPerSecond() {
            return 0;
        }

        @Override
        public int writeBurst() {
            return 1;
        }
    };

    @Test
    void aCampaignWithinEveryQuotaPasses() {
        List<Budget> active = List.of(new Budget(10, 4, 50), new Budget(100, 4, 0));
        assertThatCode(() -> OwnerQuotas.check(QUOTA, "alice", active, new Budget(10, 2, 50)))
                .doesNotThrowAnyException();
    }

    @Test
    void eachQuotaIsNamedWithItsNumbers() {
        List<Budget> two = List.of(new Budget(10, 4, 50), new Budget(100, 4, 0));
        assertThatThrownBy(() -> OwnerQuotas.check(QUOTA, "alice", List.of(two.get(0), two.get(1), two.get(1)),
                new Budget(1, 1, 0))).hasMessageStartingWith("alice has 3 campaigns pending or running");
        assertThatThrownBy(() -> OwnerQuotas.check(QUOTA, "alice", two, new Budget(10, 3, 1)))
                .hasMessage("budget.maxParallel 3 would take alice's trials in flight to 11, above the 10 allowed "
                        + "(paretune.quota.parallel-trials)");
        assertThatThrownBy(() -> OwnerQuotas.check(QUOTA, "alice", two, new Budget(11, 1, 50)))
                .hasMessage("budget.maxTrials × maxEpochsPerTrial (550 epochs) would take alice's active campaigns "
                        + "to 1050 epochs, above the 1000 allowed (paretune.quota.epochs)");
    }
}
