package io.groundstation.http;

import io.javalin.http.Context;

/** Query parameters read with clear errors instead of exceptions from parsing. */
public final class Params {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private Params() {
    }

    public static int offset(Context ctx) {
        return integer(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    }

    public static int limit(Context ctx) {
        return integer(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    }

    public static int integer(Context ctx, String name, int defaultValue, int min, int max) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value < min || value > max) {
                throw ApiException.badRequest(name + " must be in " + min + ".." + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a whole number");
        }
    }

    public static Long epochMillis(Context ctx, String name) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be epoch milliseconds");
        }
    }

    public static <E extends Enum<E>> E enumValue(Context ctx, String name, Class<E> type, E defaultValue) {
        return enumValue(name, ctx.queryParam(name), type, defaultValue);
    }

    /** Like {@link #enumValue(Context, String, Class, Enum)} on a text already taken apart (e.g. "-alive"). */
    public static <E extends Enum<E>> E enumValue(String name, String text, Class<E> type, E defaultValue) {
        if (text == null || text.isBlank()) {
            return defaultValue;
        }
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(name + " must be one of "
                    + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(java.util.Locale.ROOT));
        }
    }
}
