package io.paretune.contract.api;

/**
 * The controller answered a request with an error status: {@link #status()} and its {@link ErrorResponse} (with
 * one {@code fieldErrors} entry per bad field on 400).
 */
public class ApiException extends RuntimeException {

    private final String request;
    private final int status;
    private final ErrorResponse error;

    /** @param request what was asked, such as {@code POST /api/v1/campaigns} */
    public ApiException(String request, int status, ErrorResponse error) {
        super(request + ": HTTP " + status + (error.error() == null || error.error().isBlank() ? "" : ": " + error.error()));
        this.request = request;
        this.status = status;
        this.error = error;
    }

    public String request() {
        return request;
    }

    public int status() {
        return status;
    }

    public ErrorResponse error() {
        return error;
    }
}
