package io.paretune.controller.testing;

import io.paretune.controller.pruning.Pruner;
import io.paretune.controller.pruning.PrunerRegistry;
import io.paretune.controller.pruning.PruningRequest;
import io.quarkus.test.junit.QuarkusMock;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A pruner whose decisions the test knows in advance, in place of the campaign's {@code asha} for one test: it may
 * decide after every epoch in {@code decisionSteps}, and prunes a trial whose intermediate value at the step is
 * below {@code threshold}. It keeps the requests it was asked, for assertions.
 *
 * <pre>{@code
 * ScriptedPruner pruner = ScriptedPruner.install(List.of(1, 2), 0.5); // in @BeforeEach
 * }</pre>
 */
public final class ScriptedPruner implements Pruner {

    private final List<Integer> decisionSteps;
    private final double threshold;
    private final List<PruningRequest> asked = new CopyOnWriteArrayList<>();

    private ScriptedPruner(List<Integer> decisionSteps, double threshold) {
        this.decisionSteps = List.copyOf(decisionSteps);
        this.threshold = threshold;
    }

    /** Installs a scripted pruner as every campaign's {@code asha} until the end of the current test. */
    public static ScriptedPruner install(List<Integer> decisionSteps, double threshold) {
        ScriptedPruner pruner = new ScriptedPruner(decisionSteps, threshold);
        QuarkusMock.installMockForType(new Registry(pruner), PrunerRegistry.class);
        return pruner;
    }

    @Override
    public String type() {
        return "asha";
    }

    @Override
    public boolean shouldPrune(PruningRequest request) {
        asked.add(request);
        Double value = request.trial().intermediate().get(request.step());
        return value != null && value < threshold;
    }

    @Override
    public int nextDecisionStep(PruningRequest request, int currentStep, int lastStep) {
        return decisionSteps.stream().filter(s -> s > currentStep && s < lastStep).findFirst().orElse(lastStep);
    }

    /** The {@link #shouldPrune} requests so far, in order. */
    public List<PruningRequest> asked() {
        return List.copyOf(asked);
    }

    private static final class Registry extends PrunerRegistry {
        private final ScriptedPruner pruner;

        Registry(ScriptedPruner pruner) {
            this.pruner = pruner;
        }

        @Override
        public Optional<Pruner> find(String type) {
            return pruner.type().equals(type) ? Optional.of(pruner) : super.find(type);
        }

        @Override
        public Set<String> types() {
            Set<String> types = new TreeSet<>(super.types());
            types.add(pruner.type());
            return types;
        }
    }
}
