package dev.referralkit.engine.state;

import java.util.Arrays;

/**
 * Primitive rows in fixed-size chunks: a table grows by one chunk at a time, so it never copies its rows
 * and wastes at most one partly filled chunk (no 1.5× or 2× slack). Row numbers are stable. A single
 * optional column is a {@link Wide} of width 1.
 */
final class Columns {
    static final int SHIFT = 12;
    static final int CHUNK = 1 << SHIFT;
    static final int MASK = CHUNK - 1;

    private Columns() {
    }

    /**
     * Rows of a fixed number of {@code long} fields stored side by side, so that reading a row touches one or
     * two cache lines instead of one per column: for tables whose rows are read whole at random.
     */
    static final class Wide {
        private final int width;
        private long[][] chunks = new long[0][];

        Wide(int width) {
            this.width = width;
        }

        /** @return the field of the row; 0 for a row never set */
        long get(int row, int field) {
            int c = row >>> SHIFT;
            return c < chunks.length && chunks[c] != null ? chunks[c][(row & MASK) * width + field] : 0L;
        }

        void set(int row, int field, long v) {
            chunk(row)[(row & MASK) * width + field] = v;
        }

        private long[] chunk(int row) {
            int c = row >>> SHIFT;
            if (c >= chunks.length) {
                chunks = Arrays.copyOf(chunks, c + 1);
            }
            long[] chunk = chunks[c];
            if (chunk == null) {
                chunk = chunks[c] = new long[CHUNK * width];
            }
            return chunk;
        }
    }

    /** Like {@link Wide}, with {@code int} fields: for rows whose fields are narrower than a {@code long}. */
    static final class WideInts {
        private final int width;
        private int[][] chunks = new int[0][];

        WideInts(int width) {
            this.width = width;
        }

        /** @return the field of the row; 0 for a row never set */
        int get(int row, int field) {
            int c = row >>> SHIFT;
            return c < chunks.length && chunks[c] != null ? chunks[c][(row & MASK) * width + field] : 0;
        }

        void set(int row, int field, int v) {
            chunk(row)[(row & MASK) * width + field] = v;
        }

        /** @return the {@code long} held in fields {@code field} (upper half) and {@code field + 1} */
        long getLong(int row, int field) {
            return ((long) get(row, field) << 32) | (get(row, field + 1) & 0xFFFFFFFFL);
        }

        void setLong(int row, int field, long v) {
            int[] chunk = chunk(row);
            int i = (row & MASK) * width + field;
            chunk[i] = (int) (v >>> 32);
            chunk[i + 1] = (int) v;
        }

        private int[] chunk(int row) {
            int c = row >>> SHIFT;
            if (c >= chunks.length) {
                chunks = Arrays.copyOf(chunks, c + 1);
            }
            int[] chunk = chunks[c];
            if (chunk == null) {
                chunk = chunks[c] = new int[CHUNK * width];
            }
            return chunk;
        }
    }

    /** Free row numbers for reuse, and the next never-used row. */
    static final class Rows {
        private int next;
        private int[] free = new int[0];
        private int freeCount;

        int take() {
            return freeCount > 0 ? free[--freeCount] : next++;
        }

        void release(int row) {
            if (freeCount == free.length) {
                free = Arrays.copyOf(free, Math.max(8, freeCount * 2));
            }
            free[freeCount++] = row;
        }

        int used() {
            return next - freeCount;
        }

        /** @return one past the highest row ever taken */
        int limit() {
            return next;
        }
    }
}
