package io.paretune.worker;

import io.paretune.ml.backend.NativeBuild;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Chooses the ND4J native build before any test runs, as the service's {@code main} does in production: without it,
 * whichever test first touched ND4J would let JavaCPP pick a build by itself. Registered in
 * {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}.
 */
public class ChooseNativeBuildFirst implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        NativeBuild.apply();
    }
}
