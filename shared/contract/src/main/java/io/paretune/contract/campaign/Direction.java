package io.paretune.contract.campaign;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Whether an objective is to be maximized or minimized; {@code "maximize"} / {@code "minimize"} on the wire. */
public enum Direction {
    MAXIMIZE, MINIMIZE;

    /** True when {@code a} is strictly better than {@code b} in this direction. */
    public boolean isBetter(double a, double b) {
        return this == MAXIMIZE ? a > b : a < b;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Direction fromWire(String s) {
        return Direction.valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
