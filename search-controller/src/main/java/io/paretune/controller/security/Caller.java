package io.paretune.controller.security;

/**
 * Who made a request: the name campaigns are owned by, and the role.
 *
 * @param name the key's owner name (or the token's subject); campaigns it submits belong to it
 */
public record Caller(String name, Role role) {

    /** Every request when authentication is off: the local stack has one user, on the loopback address. */
    public static final Caller LOCAL = new Caller("local", Role.ADMIN);

    /**
     * Whether this caller may act on a campaign owned by {@code owner} in a way that needs {@code needed}: admins on
     * every campaign, others on those of their own name only (a viewer key of an operator's name reads what that
     * operator submitted, e.g. for a dashboard, and changes nothing).
     */
    public boolean mayActOn(String owner, Role needed) {
        return role.covers(needed) && (role == Role.ADMIN || name.equals(owner));
    }

    /** Whether this caller sees every campaign, not only its own. */
    public boolean seesAll() {
        return role == Role.ADMIN;
    }
}
