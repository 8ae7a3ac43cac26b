package io.paretune.controller.rest;

import java.util.List;

/** One page of a list and how many items the whole list holds. */
public record Listed<T>(List<T> items, long total) {
}
