package io.paretune.controller.security;

import jakarta.enterprise.context.RequestScoped;

/** The caller of the request being handled, as {@link AccessFilter} established it before the resource method runs. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    void set(Caller caller) {
        this.caller = caller;
    }

    /** @throws IllegalStateException outside a request the filter has let through */
    public Caller get() {
        if (caller == null) {
            throw new IllegalStateException("no authenticated caller in this request");
        }
        return caller;
    }
}
