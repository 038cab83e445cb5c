package io.groundstation.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Mutates a real request body into a hostile one: values swapped for wrong types, nulls, huge strings and
 * numbers; fields dropped or invented; and at the text level truncation, duplicate keys, nesting far past any
 * parser's comfort, invalid UTF-8, non-JSON and nothing at all. Sometimes the body stays valid, so the fuzzer
 * also sees writes succeed.
 */
final class JsonMutator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] ODD_TEXT = {"", " ", "\u0000", "💥", "\uFFFF", "\u202Eevil", "' OR 1=1 --",
            "ON_CPU", "NETWORK", "PROCESS_CPU", "-1", "1e400", "NaN", "null", "((((a", "(?=x)", ".*", "\\"};
    private static final String[] NOT_JSON = {"<policy/>", "targets=1", "{'targets': {}}", "{targets: {}}",
            "[1,]", "{\"a\":1,}", "\"\\ud800\"", "NaN", "--", "\u0000\u0000", "null", "[]", "\"text\"", "42"};

    private final Random random;

    JsonMutator(Random random) {
        this.random = random;
    }

    byte[] mutate(String seed) {
        int roll = random.nextInt(100);
        if (roll < 8) {
            return utf8(seed);
        }
        if (roll < 55) {
            return utf8(mutateTree(seed));
        }
        if (roll < 63) {
            return utf8(seed.substring(0, random.nextInt(seed.length())));
        }
        if (roll < 69) {
            return utf8(duplicateKey(seed));
        }
        if (roll < 75) {
            return utf8(deepNesting());
        }
        if (roll < 82) {
            return invalidUtf8(mutateTree(seed));
        }
        if (roll < 88) {
            return utf8(NOT_JSON[random.nextInt(NOT_JSON.length)]);
        }
        if (roll < 92) {
            return new byte[0];
        }
        byte[] garbage = new byte[random.nextInt(512)];
        random.nextBytes(garbage);
        return garbage;
    }

    /** A body past a request-size limit of {@code limit} bytes that is otherwise the valid seed. */
    static byte[] oversized(String seed, long limit) {
        String padding = "x".repeat((int) limit);
        return utf8(seed.replaceFirst("\\{", "{\"padding\": \"" + padding + "\", "));
    }

    private String mutateTree(String seed) {
        JsonNode root = read(seed);
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            root = mutateOnce(root);
        }
        return root.toString();
    }

    private JsonNode mutateOnce(JsonNode root) {
        List<ContainerNode<?>> containers = new ArrayList<>();
        collect(root, containers);
        if (containers.isEmpty()) {
            return hostileValue();
        }
        ContainerNode<?> parent = containers.get(random.nextInt(containers.size()));
        if (parent instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            if (names.isEmpty() || random.nextInt(5) == 0) {
                object.set(random.nextBoolean() ? "unknown" : ODD_TEXT[random.nextInt(ODD_TEXT.length)],
                        hostileValue());
            } else if (random.nextInt(4) == 0) {
                object.remove(names.get(random.nextInt(names.size())));
            } else {
                object.set(names.get(random.nextInt(names.size())), hostileValue());
            }
        } else if (parent instanceof ArrayNode array) {
            if (array.isEmpty() || random.nextBoolean()) {
                array.add(hostileValue());
            } else {
                array.set(random.nextInt(array.size()), hostileValue());
            }
        }
        return root;
    }

    private static void collect(JsonNode node, List<ContainerNode<?>> containers) {
        if (node instanceof ContainerNode<?> container) {
            containers.add(container);
            node.elements().forEachRemaining(child -> collect(child, containers));
        }
    }

    private JsonNode hostileValue() {
        return switch (random.nextInt(14)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.textNode(ODD_TEXT[random.nextInt(ODD_TEXT.length)]);
            case 2 -> NODES.textNode("A".repeat(100_000 + random.nextInt(200_000)));
            case 3 -> NODES.numberNode(new java.math.BigInteger("9".repeat(1 + random.nextInt(400))));
            case 4 -> NODES.numberNode(new java.math.BigDecimal("1e" + (random.nextInt(800) - 400)));
            case 5 -> NODES.numberNode(-random.nextInt(1000));
            case 6 -> NODES.numberNode(Long.MIN_VALUE);
            case 7 -> NODES.numberNode(random.nextDouble() * 200);
            case 8 -> NODES.booleanNode(random.nextBoolean());
            case 9 -> NODES.arrayNode().add(NODES.nullNode());
            case 10 -> NODES.objectNode();
            case 11 -> NODES.arrayNode();
            case 12 -> NODES.numberNode(random.nextInt(4000));
            default -> NODES.arrayNode().add(NODES.textNode(ODD_TEXT[random.nextInt(ODD_TEXT.length)]));
        };
    }

    /** The seed's first key given a second time, at the front: {"targets": {}, "targets": {...}}. */
    private String duplicateKey(String seed) {
        String key = read(seed).fieldNames().next();
        return seed.replaceFirst("\\{", "{\"" + key + "\": " + hostileValue() + ", ");
    }

    private String deepNesting() {
        int depth = random.nextBoolean() ? 100_000 : 500 + random.nextInt(2000);
        return random.nextBoolean() ? "[".repeat(depth) : "{\"targets\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    private byte[] invalidUtf8(String json) {
        byte[] valid = utf8(json);
        byte[][] broken = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF},
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80}};
        byte[] insert = broken[random.nextInt(broken.length)];
        int at = random.nextInt(valid.length + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(valid.length + insert.length);
        out.write(valid, 0, at);
        out.write(insert, 0, insert.length);
        out.write(valid, at, valid.length - at);
        return out.toByteArray();
    }

    private static JsonNode read(String seed) {
        try {
            return JSON.readTree(seed);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("seeds are valid JSON: " + seed, e);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
