package io.paretune.controller.rest;

import io.paretune.contract.campaign.FieldError;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * The page a list endpoint returns: {@code limit} items from {@code offset}. The body stays a JSON array; the total
 * goes in {@code X-Total-Count} and the next page, when there is one, in {@code Link: <...>; rel="next"}, so that a
 * list never loads more than {@link #MAX_LIMIT} rows however large the campaign.
 */
record Paging(int limit, int offset) {

    static final int MAX_LIMIT = 1_000;
    static final String TOTAL_HEADER = "X-Total-Count";

    /** @throws InvalidQueryException naming each parameter that is not a number in range */
    static Paging of(String limit, String offset, int defaultLimit) {
        List<FieldError> errors = new ArrayList<>();
        int l = parse("limit", limit, defaultLimit, 1, MAX_LIMIT, errors);
        int o = parse("offset", offset, 0, 0, Integer.MAX_VALUE - MAX_LIMIT, errors);
        if (!errors.isEmpty()) {
            throw new InvalidQueryException(errors);
        }
        return new Paging(l, o);
    }

    /** A whole-number query parameter from {@code min} to {@code max}; absent gives {@code absent}, else an error. */
    static int parse(String name, String text, int absent, int min, int max, List<FieldError> errors) {
        if (text == null || text.isEmpty()) {
            return absent;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError(name, "must be an integer from " + min + " to " + max + ", got '" + text + "'"));
        return absent;
    }

    /** A 200 with {@code items}, the total and the link to the next page. */
    Response respond(List<?> items, long total, UriInfo uri) {
        Response.ResponseBuilder response = Response.ok(items).header(TOTAL_HEADER, total);
        if (offset + items.size() < total) {
            response.link(uri.getRequestUriBuilder().replaceQueryParam("limit", limit)
                    .replaceQueryParam("offset", offset + items.size()).build(), "next");
        }
        return response.build();
    }
}
