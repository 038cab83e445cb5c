package io.groundstation.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;

import java.math.BigInteger;
import java.util.Locale;

/**
 * The schema's {@code scalar Long}: a 64-bit integer, written as a JSON number; read from a number or, as OAP's
 * clients sometimes send timestamps, from a string of digits.
 */
final class LongScalar {

    static final GraphQLScalarType LONG = GraphQLScalarType.newScalar().name("Long")
            .description("A 64-bit signed integer").coercing(new Coercing<Long, Long>() {
                @Override
                public Long serialize(Object value, GraphQLContext context, Locale locale) {
                    if (value instanceof Number number) {
                        return number.longValue();
                    }
                    throw new CoercingSerializeException("not a Long: " + value);
                }

                @Override
                public Long parseValue(Object input, GraphQLContext context, Locale locale) {
                    Long value = parse(input);
                    if (value == null) {
                        throw new CoercingParseValueException("expected a 64-bit integer, got " + describe(input));
                    }
                    return value;
                }

                @Override
                public Long parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                                         Locale locale) {
                    Long value = input instanceof IntValue number ? parse(number.getValue())
                            : input instanceof StringValue text ? parse(text.getValue()) : null;
                    if (value == null) {
                        throw new CoercingParseLiteralException("expected a 64-bit integer");
                    }
                    return value;
                }
            }).build();

    private LongScalar() {
    }

    private static Long parse(Object input) {
        try {
            if (input instanceof Integer || input instanceof Long || input instanceof Short) {
                return ((Number) input).longValue();
            }
            if (input instanceof BigInteger big) {
                return big.longValueExact();
            }
            if (input instanceof Number number) {
                double value = number.doubleValue();
                return value == Math.rint(value) && Math.abs(value) < 9.0e15 ? (long) value : null;
            }
            if (input instanceof String text && text.matches("-?\\d{1,19}")) {
                return Long.parseLong(text);
            }
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
        return null;
    }

    private static String describe(Object input) {
        String text = String.valueOf(input);
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
