package io.paretune.ml.backend;

/**
 * A fresh JVM's view, for {@link BackendInfoTest}: chooses the build as the services do, loads ND4J, and prints what
 * was chosen and what was loaded. Exits 2 when the choice cannot be made.
 */
public final class LoadedBuildProbe {

    private LoadedBuildProbe() {
    }

    public static void main(String[] args) {
        NativeBuild.Selection selection;
        try {
            selection = NativeBuild.apply();
        } catch (IllegalArgumentException e) {
            System.out.println("refused: " + e.getMessage());
            System.exit(2);
            return;
        }
        BackendInfo info = BackendInfo.current();
        System.out.println("selected=" + selection.build().classifier());
        System.out.println("loaded=" + info.build());
        System.out.println("reason=" + selection.reason());
        System.out.println("describe=" + info.describe());
    }
}
