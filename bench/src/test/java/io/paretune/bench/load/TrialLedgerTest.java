package io.paretune.bench.load;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TrialLedgerTest {

    private static TrialLedger toldThree() {
        TrialLedger ledger = new TrialLedger();
        ledger.told("a", 0, 1.5);
        ledger.told("b", 1, 2.5);
        ledger.told("c", 2, 3.5);
        return ledger;
    }

    private static List<TrialLedger.Listed> listedAsTold() {
        return new ArrayList<>(List.of(
                new TrialLedger.Listed("a", 0, "COMPLETE", 1.5),
                new TrialLedger.Listed("b", 1, "COMPLETE", 2.5),
                new TrialLedger.Listed("c", 2, "COMPLETE", 3.5)));
    }

    @Test
    void exactlyWhatWasToldIsClean() {
        TrialLedger.Check check = toldThree().check(listedAsTold());
        assertThat(check.clean()).isTrue();
        assertThat(check.counts()).containsEntry("told", 3).containsEntry("listed", 3).containsEntry("lost", 0);
    }

    @Test
    void aToldTrialMissingFromTheListIsLostAndLeavesAGap() {
        List<TrialLedger.Listed> listed = listedAsTold();
        listed.remove(1);
        TrialLedger.Check check = toldThree().check(listed);
        assertThat(check.clean()).isFalse();
        assertThat(check.lost()).containsExactly("b");
        // Numbers 0..n-1 of the 2 listed: 1 is missing (2 is beyond them, but 1 is the gap).
        assertThat(check.numberGaps()).containsExactly(1);
    }

    @Test
    void aTrialListedTwiceIsDuplicated() {
        List<TrialLedger.Listed> listed = listedAsTold();
        listed.add(new TrialLedger.Listed("c", 2, "COMPLETE", 3.5));
        TrialLedger.Check check = toldThree().check(listed);
        assertThat(check.duplicated()).containsExactly("c");
        assertThat(check.repeatedNumbers()).containsExactly(2);
        assertThat(check.clean()).isFalse();
    }

    @Test
    void oneTrialHandedOutByTwoAsksIsDuplicated() {
        TrialLedger ledger = toldThree();
        ledger.told("c", 2, 3.5);
        assertThat(ledger.check(listedAsTold()).duplicated()).containsExactly("c");
    }

    @Test
    void aListedTrialNobodyToldIsUnexpected() {
        List<TrialLedger.Listed> listed = listedAsTold();
        listed.add(new TrialLedger.Listed("d", 3, "RUNNING", null));
        TrialLedger.Check check = toldThree().check(listed);
        assertThat(check.unexpected()).containsExactly("d");
        assertThat(check.numberGaps()).isEmpty();
        assertThat(check.clean()).isFalse();
    }

    @Test
    void anotherStateOrValueThanToldIsReported() {
        List<TrialLedger.Listed> listed = listedAsTold();
        listed.set(0, new TrialLedger.Listed("a", 0, "FAIL", null));
        listed.set(2, new TrialLedger.Listed("c", 2, "COMPLETE", 9.0));
        TrialLedger.Check check = toldThree().check(listed);
        assertThat(check.notComplete()).containsExactly("a FAIL");
        assertThat(check.valueMismatch()).singleElement().asString().contains("c").contains("3.5").contains("9.0");
    }

    @Test
    void numbersMustRunFromZeroWithoutGaps() {
        TrialLedger ledger = new TrialLedger();
        ledger.told("a", 1, 1.0);
        ledger.told("b", 2, 2.0);
        TrialLedger.Check check = ledger.check(List.of(
                new TrialLedger.Listed("a", 1, "COMPLETE", 1.0),
                new TrialLedger.Listed("b", 2, "COMPLETE", 2.0)));
        assertThat(check.numberGaps()).containsExactly(0);
        assertThat(check.clean()).isFalse();
    }
}
