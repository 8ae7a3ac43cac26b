package io.paretune.controller.config;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * The controller's clock: every time it stores, or compares with a stored time (a trial gone silent, a score that
 * never came), comes from here, so that a test moves time forward instead of waiting for it.
 */
@ApplicationScoped
public class ControllerClock {

    public Instant now() {
        return Instant.now();
    }
}
