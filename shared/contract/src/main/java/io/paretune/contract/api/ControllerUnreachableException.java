package io.paretune.contract.api;

import java.net.URI;

/** The controller did not answer at all (down, wrong address, timed out): a caller may retry later. */
public class ControllerUnreachableException extends RuntimeException {

    private final URI base;

    public ControllerUnreachableException(URI base, String why) {
        super("cannot reach the Paretune controller at " + base + " (" + why + ")");
        this.base = base;
    }

    public URI base() {
        return base;
    }
}
