package dev.tacit.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32;

/**
 * Moves array payloads between Java arrays and little-endian bytes in chunks of {@value #CHUNK} bytes
 * through one direct buffer, so an array of any size costs one chunk of extra memory and no per-element
 * calls.
 */
final class Payloads {

    /** Chunk size in bytes; a multiple of every element size. */
    static final int CHUNK = 1 << 20;

    /** Receives consecutive chunks of an encoded payload (position to limit). */
    interface Sink {
        void accept(ByteBuffer chunk) throws IOException;
    }

    private Payloads() {
    }

    /**
     * @param largestPayload the largest number of bytes the buffer will carry in total
     * @return a fresh direct little-endian chunk buffer of {@value #CHUNK} bytes, or less for small payloads
     */
    static ByteBuffer chunk(long largestPayload) {
        int bytes = (int) Math.max(Double.BYTES, Math.min(CHUNK, (largestPayload + 7) / 8 * 8));
        return ByteBuffer.allocateDirect(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Encodes {@code data} ({@code double[]}, {@code int[]} or {@code byte[]}) as little-endian bytes.
     *
     * @param data the values
     * @param chunk a buffer from {@link #chunk(long)}
     * @param sink receives the bytes in order
     */
    static void encode(Object data, ByteBuffer chunk, Sink sink) throws IOException {
        if (data instanceof double[] a) {
            int per = chunk.capacity() / Double.BYTES;
            for (int i = 0; i < a.length; i += per) {
                int n = Math.min(per, a.length - i);
                chunk.clear();
                chunk.asDoubleBuffer().put(a, i, n);
                chunk.limit(n * Double.BYTES);
                sink.accept(chunk);
            }
        } else if (data instanceof int[] a) {
            int per = chunk.capacity() / Integer.BYTES;
            for (int i = 0; i < a.length; i += per) {
                int n = Math.min(per, a.length - i);
                chunk.clear();
                chunk.asIntBuffer().put(a, i, n);
                chunk.limit(n * Integer.BYTES);
                sink.accept(chunk);
            }
        } else {
            byte[] a = (byte[]) data;
            for (int i = 0; i < a.length; i += CHUNK) {
                sink.accept(ByteBuffer.wrap(a, i, Math.min(CHUNK, a.length - i)));
            }
        }
    }

    /** @param data as for {@link #encode} @param chunk a buffer from {@link #chunk(long)} @return CRC32 of its bytes */
    static int crc32(Object data, ByteBuffer chunk) {
        CRC32 crc = new CRC32();
        try {
            encode(data, chunk, crc::update);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return (int) crc.getValue();
    }

    /** Writes the whole of {@code buf} (position to limit) to the channel. */
    static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    /** Fills {@code buf} (position to limit) from the channel starting at {@code position}. */
    static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long p = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, p);
            if (n < 0) {
                throw new EOFException("file ended at byte " + p);
            }
            p += n;
        }
    }

    /**
     * Reads {@code count} elements of a numeric type (or {@code count} bytes for strings).
     *
     * @param ch the file
     * @param position where the payload starts
     * @param type element type
     * @param count number of elements, already checked to fit the file and a Java array
     * @param chunk a buffer from {@link #chunk(long)}
     * @param crc updated with every byte read
     * @return a {@code double[]}, {@code int[]} or {@code byte[]}
     */
    static Object read(FileChannel ch, long position, DataType type, int count, ByteBuffer chunk, CRC32 crc)
            throws IOException {
        int size = type.elementBytes();
        int per = chunk.capacity() / size;
        double[] doubles = type == DataType.FLOAT64 ? new double[count] : null;
        int[] ints = type == DataType.INT32 ? new int[count] : null;
        byte[] bytes = type == DataType.UTF8_LINES ? new byte[count] : null;
        long p = position;
        for (int i = 0; i < count; i += per) {
            int n = Math.min(per, count - i);
            chunk.clear();
            chunk.limit(n * size);
            readFully(ch, chunk, p);
            p += (long) n * size;
            chunk.flip();
            crc.update(chunk);
            chunk.rewind();
            if (doubles != null) {
                chunk.asDoubleBuffer().get(doubles, i, n);
            } else if (ints != null) {
                chunk.asIntBuffer().get(ints, i, n);
            } else {
                chunk.get(bytes, i, n);
            }
        }
        return doubles != null ? doubles : ints != null ? ints : bytes;
    }
}
