package io.groundstation.fuzz;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Message;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Mutates a real agent message into a hostile one, through its descriptor so any message type works: fields
 * dropped, oneofs unset, strings huge, empty or odd, numbers at their extremes, unknown enum values, repeated
 * fields repeated far past normal, and at the byte level invalid UTF-8, truncation and garbage.
 */
final class ProtoMutator {

    private static final String[] ODD_STRINGS = {"", " ", "\u0000", "a\u0000b", "\t\n\r", "💥🔥", "\uFFFF",
            "' OR 1=1 --", "%s%n%x", "../../etc/passwd", "\u202Eevil", "null", "{\"json\":true}", "::", "_blank"};

    /**
     * Under the fuzzed server's grpc.max-message-size (8 MB): over-size messages stall a grpc-java client's
     * connection (see AbusivePeersIT), which would fail the calls that share it for reasons not of the server's
     * making; they are tested on their own connection there.
     */
    private static final int MAX_BYTES = 7 << 20;

    private final Random random;

    ProtoMutator(long seed) {
        this.random = new Random(seed);
    }

    /** One hostile request: mostly structurally valid mutations, sometimes broken bytes. */
    byte[] mutate(Message seed) {
        int roll = random.nextInt(100);
        if (roll < 75) {
            return mutateStructure(seed).toByteArray();
        }
        if (roll < 85) {
            return invalidUtf8(mutateStructure(seed));
        }
        byte[] valid = mutateStructure(seed).toByteArray();
        if (roll < 95) {
            return java.util.Arrays.copyOf(valid, valid.length == 0 ? 0 : random.nextInt(valid.length));
        }
        byte[] garbage = new byte[random.nextInt(256)];
        random.nextBytes(garbage);
        return garbage;
    }

    Message mutateStructure(Message seed) {
        Message mutated = seed;
        int mutations = 1 + random.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            Message.Builder builder = mutated.toBuilder();
            mutateSomewhere(builder, 0);
            Message next = builder.build();
            // A huge string repeated thousands of times would also outgrow what protobuf can serialise (2 GB).
            if (next.getSerializedSize() >= 0 && next.getSerializedSize() <= MAX_BYTES) {
                mutated = next;
            }
        }
        return mutated;
    }

    private void mutateSomewhere(Message.Builder builder, int depth) {
        List<FieldDescriptor> fields = builder.getDescriptorForType().getFields();
        if (fields.isEmpty()) {
            return;
        }
        FieldDescriptor field = fields.get(random.nextInt(fields.size()));
        if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && depth < 6 && random.nextInt(3) > 0) {
            descend(builder, field, depth);
            return;
        }
        switch (random.nextInt(5)) {
            case 0 -> builder.clearField(field);
            case 1 -> unsetOneof(builder);
            case 2 -> repeatField(builder, field);
            default -> setHostile(builder, field);
        }
    }

    private void descend(Message.Builder builder, FieldDescriptor field, int depth) {
        if (field.isRepeated()) {
            int count = builder.getRepeatedFieldCount(field);
            if (count == 0) {
                builder.addRepeatedField(field, builder.newBuilderForField(field).build());
                return;
            }
            int index = random.nextInt(count);
            Message.Builder child = ((Message) builder.getRepeatedField(field, index)).toBuilder();
            mutateSomewhere(child, depth + 1);
            builder.setRepeatedField(field, index, child.build());
        } else {
            Message.Builder child = ((Message) builder.getField(field)).toBuilder();
            mutateSomewhere(child, depth + 1);
            builder.setField(field, child.build());
        }
    }

    private void unsetOneof(Message.Builder builder) {
        List<OneofDescriptor> oneofs = builder.getDescriptorForType().getOneofs();
        if (!oneofs.isEmpty()) {
            builder.clearOneof(oneofs.get(random.nextInt(oneofs.size())));
        }
    }

    private void repeatField(Message.Builder builder, FieldDescriptor field) {
        if (!field.isRepeated() || builder.getRepeatedFieldCount(field) == 0) {
            setHostile(builder, field);
            return;
        }
        Object element = builder.getRepeatedField(field, random.nextInt(builder.getRepeatedFieldCount(field)));
        int copies = random.nextInt(10) == 0 ? 5_000 : random.nextInt(50);
        long elementBytes = element instanceof Message m ? m.getSerializedSize()
                : element instanceof String text ? 3L * text.length() : 16;
        // Keeps the message's size countable in an int (see mutateStructure).
        copies = (int) Math.min(copies, MAX_BYTES / Math.max(1, elementBytes));
        for (int i = 0; i < copies; i++) {
            builder.addRepeatedField(field, element);
        }
    }

    private void setHostile(Message.Builder builder, FieldDescriptor field) {
        Object value = hostileValue(field);
        if (value == null) {
            return;
        }
        if (field.isRepeated()) {
            builder.addRepeatedField(field, value);
        } else {
            builder.setField(field, value);
        }
    }

    private Object hostileValue(FieldDescriptor field) {
        return switch (field.getJavaType()) {
            case STRING -> hostileString();
            case INT -> new int[]{Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE}[random.nextInt(4)];
            case LONG -> new long[]{Long.MIN_VALUE, -1L, 0L, Long.MAX_VALUE}[random.nextInt(4)];
            case DOUBLE -> new double[]{Double.NaN, Double.NEGATIVE_INFINITY, -0.0, Double.MAX_VALUE,
                    Double.MIN_VALUE}[random.nextInt(5)];
            case FLOAT -> Float.NaN;
            case BOOLEAN -> random.nextBoolean();
            case BYTE_STRING -> ByteString.copyFrom(new byte[random.nextInt(1024)]);
            case ENUM -> field.getEnumType().findValueByNumberCreatingIfUnknown(1000 + random.nextInt(1000));
            case MESSAGE -> null;
        };
    }

    private String hostileString() {
        return switch (random.nextInt(4)) {
            case 0 -> "x".repeat(random.nextInt(10) == 0 ? 2_000_000 : 5_000);
            case 1 -> "";
            default -> ODD_STRINGS[random.nextInt(ODD_STRINGS.length)];
        };
    }

    /** Rewrites one string's bytes in place with bytes that are not UTF-8; the framing stays valid. */
    private byte[] invalidUtf8(Message message) {
        byte[] bytes = message.toByteArray();
        byte[] marker = "MARK".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + marker.length <= bytes.length; i++) {
            if (bytes[i] == marker[0] && bytes[i + 1] == marker[1] && bytes[i + 2] == marker[2]
                    && bytes[i + 3] == marker[3]) {
                bytes[i] = (byte) 0xC3;
                bytes[i + 1] = (byte) 0x28;
                bytes[i + 2] = (byte) 0xFF;
                return bytes;
            }
        }
        // No marker survived the mutations: corrupt the first byte that looks like text instead.
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] >= 'a' && bytes[i] <= 'z') {
                bytes[i] = (byte) 0xFE;
                break;
            }
        }
        return bytes;
    }
}
