package io.paretune.controller.testing;

import io.paretune.ml.backend.NativeBuild;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Chooses the ND4J native build before any test runs, as the worker and the evaluator do at start: the tests that
 * write and load real model artifacts would otherwise let JavaCPP pick a build by itself. Registered in
 * {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}.
 */
public class ChooseNativeBuildFirst implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        NativeBuild.apply();
    }
}
