package dev.stoa.memory.store;

import java.nio.ByteBuffer;

/** Embeddings in {@code facts.embedding}: the float4 values big-endian, one after the other. */
final class Vectors {
    private Vectors() {}

    static byte[] bytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    static float[] floats(byte[] bytes) {
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).asFloatBuffer().get(vector);
        return vector;
    }
}
