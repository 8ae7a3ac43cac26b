package io.paretune.controller.security;

import java.util.Locale;
import java.util.Optional;

/**
 * What a caller of the API may do. Each role includes the ones before it: a viewer reads, an operator also submits,
 * cancels, asks, tells and downloads models; both on the campaigns of their own name only. An admin does everything
 * to every campaign.
 */
public enum Role {
    VIEWER,
    OPERATOR,
    ADMIN;

    /** Whether this role may do what {@code needed} may. */
    public boolean covers(Role needed) {
        return compareTo(needed) >= 0;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromWire(String name) {
        for (Role role : values()) {
            if (role.wireName().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
