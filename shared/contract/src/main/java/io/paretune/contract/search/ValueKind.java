package io.paretune.contract.search;

/** The kind of value a known model parameter takes. */
public enum ValueKind {
    INT, FLOAT, STRING, BOOLEAN;

    /** Whether a sampled or fixed value is of this kind (an integral number counts as a FLOAT too). */
    public boolean accepts(Object value) {
        return switch (this) {
            case INT -> value instanceof Number n && isIntegral(n);
            case FLOAT -> value instanceof Number;
            case STRING -> value instanceof String;
            case BOOLEAN -> value instanceof Boolean;
        };
    }

    static boolean isIntegral(Number n) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            return true;
        }
        double d = n.doubleValue();
        return Double.isFinite(d) && d == Math.rint(d);
    }
}
