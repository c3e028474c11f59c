package dev.referralkit.engine.state;

import dev.referralkit.money.Ratio;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Currency;

/**
 * The primitives of the engine's binary forms (records, stage messages): a growable writer and a bounded
 * reader of big-endian fixed-width integers, zig-zag variable-length integers, UTF-8 text, currencies,
 * exact decimals and ratios.
 */
public final class Bytes {
    private Bytes() {
    }

    /**
     * Writes big-endian fixed-width integers, variable-length integers (zig-zag for signed), text and numbers.
     * Into a plain growable array: {@code ByteArrayOutputStream} locks on every byte.
     */
    public static final class Writer {
        private byte[] buf = new byte[32];
        private int size;

        /** A writer with nothing written. */
        public Writer() {
        }

        private void ensure(int more) {
            if (size + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
            }
        }

        private void put(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, size, b.length);
            size += b.length;
        }

        public Writer u8(int v) {
            ensure(1);
            buf[size++] = (byte) v;
            return this;
        }

        public Writer i32(int v) {
            ensure(4);
            for (int s = 24; s >= 0; s -= 8) {
                buf[size++] = (byte) (v >>> s);
            }
            return this;
        }

        public Writer i64(long v) {
            ensure(8);
            for (int s = 56; s >= 0; s -= 8) {
                buf[size++] = (byte) (v >>> s);
            }
            return this;
        }

        public Writer var(long v) {
            ensure(10);
            long z = (v << 1) ^ (v >> 63);
            while ((z & ~0x7FL) != 0) {
                buf[size++] = (byte) ((z & 0x7F) | 0x80);
                z >>>= 7;
            }
            buf[size++] = (byte) z;
            return this;
        }

        public Writer bool(boolean v) {
            return u8(v ? 1 : 0);
        }

        public Writer text(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            var(b.length);
            put(b);
            return this;
        }

        /** Text or absent (a length of −1). */
        public Writer optText(String s) {
            return s == null ? var(-1) : text(s);
        }

        public Writer currency(Currency c) {
            String code = c.getCurrencyCode();
            ensure(3);
            for (int i = 0; i < 3; i++) {
                buf[size++] = (byte) code.charAt(i);
            }
            return this;
        }

        public Writer big(BigInteger v) {
            byte[] b = v.toByteArray();
            var(b.length);
            put(b);
            return this;
        }

        public Writer decimal(BigDecimal v) {
            return big(v.unscaledValue()).var(v.scale());
        }

        public Writer optDecimal(BigDecimal v) {
            return v == null ? var(-1) : u8Then(v);
        }

        private Writer u8Then(BigDecimal v) {
            var(0);
            return decimal(v);
        }

        public Writer ratio(Ratio r) {
            return big(r.numerator()).big(r.denominator());
        }

        /** Bytes with their length before them. */
        public Writer blob(byte[] b) {
            var(b.length);
            put(b);
            return this;
        }

        /** @return how many bytes are written */
        public int size() {
            return size;
        }

        public byte[] bytes() {
            return Arrays.copyOf(buf, size);
        }
    }

    /** Reads what a {@link Writer} wrote; refuses to read past the end. */
    public static final class Reader {
        private final byte[] b;
        private int p;

        /**
         * @param b    the bytes
         * @param from where to start
         */
        public Reader(byte[] b, int from) {
            this.b = b;
            this.p = from;
        }

        private void need(int n) {
            if (n < 0 || n > b.length - p) {
                throw new IllegalArgumentException("truncated record: needs " + n + " more bytes at " + p + " of " + b.length);
            }
        }

        /** @return where the next read starts */
        public int position() {
            return p;
        }

        /** @return true if everything is read */
        public boolean atEnd() {
            return p >= b.length;
        }

        /** Bytes written by {@link Writer#blob}. */
        public byte[] blob() {
            int n = varInt();
            need(n);
            byte[] out = Arrays.copyOfRange(b, p, p + n);
            p += n;
            return out;
        }

        public int u8() {
            need(1);
            return b[p++] & 0xFF;
        }

        public int i32() {
            need(4);
            int v = 0;
            for (int i = 0; i < 4; i++) {
                v = (v << 8) | (b[p++] & 0xFF);
            }
            return v;
        }

        public long i64() {
            need(8);
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (b[p++] & 0xFF);
            }
            return v;
        }

        public long var() {
            long z = 0;
            for (int shift = 0; ; shift += 7) {
                if (shift > 63) {
                    throw new IllegalArgumentException("malformed variable-length integer at " + p);
                }
                int x = u8();
                z |= (long) (x & 0x7F) << shift;
                if ((x & 0x80) == 0) {
                    break;
                }
            }
            return (z >>> 1) ^ -(z & 1);
        }

        public int varInt() {
            long v = var();
            if (v != (int) v) {
                throw new IllegalArgumentException("variable-length integer " + v + " before " + p + " is not an int");
            }
            return (int) v;
        }

        public boolean bool() {
            return u8() != 0;
        }

        public String text() {
            return bytesAsText(varInt());
        }

        public String optText() {
            int n = varInt();
            return n == -1 ? null : bytesAsText(n);
        }

        private String bytesAsText(int n) {
            need(n);
            String s = new String(b, p, n, StandardCharsets.UTF_8);
            p += n;
            return s;
        }

        public Currency currency() {
            need(3);
            String code = new String(b, p, 3, StandardCharsets.US_ASCII);
            p += 3;
            return Currency.getInstance(code);
        }

        public BigInteger big() {
            int n = varInt();
            if (n > 64) {
                throw new IllegalArgumentException("number of " + n + " bytes is too long");
            }
            need(n);
            BigInteger v = new BigInteger(b, p, n);
            p += n;
            return v;
        }

        public BigDecimal decimal() {
            BigInteger unscaled = big();
            int scale = varInt();
            if (scale < -64 || scale > 64) {
                throw new IllegalArgumentException("decimal scale " + scale + " is out of range");
            }
            return new BigDecimal(unscaled, scale);
        }

        public BigDecimal optDecimal() {
            return var() == -1 ? null : decimal();
        }

        public Ratio ratio() {
            return Ratio.of(big(), big());
        }

        public void end() {
            if (p != b.length) {
                throw new IllegalArgumentException("record has " + (b.length - p) + " bytes past its end");
            }
        }
    }
}
