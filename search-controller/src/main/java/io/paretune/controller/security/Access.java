package io.paretune.controller.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The role an API operation needs ({@link AccessFilter} enforces it). Every resource method carries one: a method
 * without it is refused to everyone but admins, so that a new endpoint is closed until someone decides.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Access {
    Role value();
}
