package dev.referralkit.attribution;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Removal effects of a first-order absorbing Markov chain, in double precision, for chains of up to
 * a million states. The public face is {@link MarkovModel}; this class is the numerics.
 *
 * <h2>What is computed</h2>
 * States 0..n−1 are transient (channels), plus a start distribution α and two absorbing states,
 * conversion and null. Q is the transition matrix among transient states, b<sub>i</sub> the probability
 * of converting from i in one step, a<sub>i</sub> that of being absorbed (converting or not). With
 * G = (I − Q)<sup>−1</sup>:
 * <ul>
 * <li>x = G·b, the probability of converting from each state; p = α·x;</li>
 * <li>v = α·G, the expected number of visits to each state;</li>
 * <li>G<sub>cc</sub>, the expected visits to c of a walk that starts at c.</li>
 * </ul>
 * A walk that reaches c converts afterwards with probability x<sub>c</sub> whatever happened before, so
 * p = P(convert without visiting c) + h<sub>c</sub>·x<sub>c</sub>, where h<sub>c</sub> = v<sub>c</sub> /
 * G<sub>cc</sub> is the probability of ever visiting c. Removing c (sending its visits to null) leaves
 * the first term, hence the removal effect 1 − p<sub>without c</sub>/p = h<sub>c</sub>·x<sub>c</sub>/p,
 * for every channel at once, from one factorisation — no re-solve per channel.
 *
 * <h2>How</h2>
 * Gaussian elimination of I − Q in the form of Grassmann, Taksar and Heyman (GTH): eliminating state
 * k updates q<sub>ij</sub> += q<sub>ik</sub>·q<sub>kj</sub>/d<sub>k</sub>, where the pivot d<sub>k</sub>
 * is the sum of k's remaining outflow (to other states and to absorption), not 1 − q<sub>kk</sub>. Every
 * quantity is then a sum of products of non-negative numbers: no subtraction anywhere, hence no
 * cancellation, and entrywise small relative errors. The diagonal of G comes from the factors by
 * Takahashi's recurrences (selected inversion), also subtraction-free.
 *
 * <p>States are eliminated by minimum degree (ties by state number) in sparse adjacency tables, with
 * symmetric structural fill so that each eliminated state's neighbours form a clique (which the
 * recurrences need). When the state about to be eliminated has at least 1/{@link #DENSE_SWITCH} of the
 * remaining states as neighbours, the rest — the densely connected core — is gathered into dense
 * arrays and finished there: O(m³) for a core of m states, refused above {@code maxCore}. The sparse
 * phase also stops (and the rest is the core) when the next state has maxCore/{@link #DENSE_SWITCH}
 * neighbours or more, or at {@link #MAX_FILL} or {@link #MAX_WORK}: so an expander-like chain of many
 * channels is refused in bounded time and memory instead of filling the heap.
 *
 * <h2>Determinism</h2>
 * Only +, −, ×, ÷ on doubles (IEEE 754 and strict in Java 17: identical on every JVM), no
 * {@code Math.fma}, no hash-order iteration: every sum runs in an order fixed by state numbers and the
 * elimination order, which depends only on the chain's structure. The dense core's rows may be split
 * between threads, but each row is computed by one thread in the same order whatever the split, so the
 * result does not depend on the number of threads (tested bit for bit).
 */
final class AbsorbingChain {
    /** Dense when the next state to eliminate is adjacent to at least remaining/8 states. */
    static final int DENSE_SWITCH = 8;
    /**
     * The sparse phase stops when elimination has added this many entries to the adjacency tables (fill,
     * about 50 bytes each; the input's own transitions do not count): 12M, about 600 MB, 3 × what
     * 10,000 Zipf channels over 1,000,000 paths need.
     */
    static final long MAX_FILL = 12_000_000;
    /** ... or when it has spent this many updates (the sum of the squared neighbourhoods): 6 × that case. */
    static final long MAX_WORK = 200_000_000;
    /** Rows (or pivots) processed together in the dense core. */
    private static final int BLOCK = 16;
    /** Columns per tile: a block's tile (16 × 256 doubles, 32 KB) stays in the L1 cache. */
    private static final int TILE = 256;
    /** Pivots processed together in the inverse, and its tile width (32 × 128 doubles, 32 KB). */
    private static final int INVERSE_BLOCK = 32;
    private static final int INVERSE_TILE = 128;

    private final int n;
    private final boolean[] active;
    private final double[] a;
    private final double[] b;
    private final double[] alpha;
    private final double[] alphaStart;
    private final Table[] tables;
    private final int[] elimPos;
    private final int threads;

    // records of sparse ("tail") eliminations, in elimination order
    private int tailCount;
    private int[] recNode = new int[16];
    private int[] recOff = new int[17];
    private double[] recD = new double[16];
    private double[] recB = new double[16];
    private double[] recAlpha = new double[16];
    private int[] nbrPool = new int[64];
    private double[] uPool = new double[64];
    private double[] lPool = new double[64];
    private int poolSize;
    /** Entries in the adjacency tables (each edge twice) and multiply-adds spent eliminating sparsely. */
    private long entries;
    private final long inputEntries;
    private long work;
    long peakEntries;

    // dense core
    private int[] denseNodes = new int[0];
    private double[][] dense;
    private double[][] gDense;

    // results
    private final double[] x;
    private final double[] v;
    private final double[] gDiag;
    private double conversion;

    /** How the chain was solved: states, sparse eliminations, dense core (for tests). */
    record Stats(int states, int sparse, int core, long peakEntries, long work) {
    }

    /**
     * @param n       transient states
     * @param rowStart CSR row starts (n + 1)
     * @param col     CSR columns, sorted within each row, no diagonal
     * @param q       transition probabilities
     * @param a       absorption probability of each state
     * @param b       conversion probability of each state (≤ a)
     * @param alpha   start distribution
     * @param active  states that are ever visited (the others are left out)
     */
    private AbsorbingChain(int n, int[] rowStart, int[] col, double[] q, double[] a, double[] b, double[] alpha, boolean[] active,
            int threads) {
        this.n = n;
        this.threads = threads;
        this.active = active;
        this.a = a.clone();
        this.b = b.clone();
        this.alpha = alpha.clone();
        this.alphaStart = alpha;
        this.tables = new Table[n];
        this.elimPos = new int[n];
        Arrays.fill(elimPos, -1);
        int[] degree = new int[n];
        for (int i = 0; i < n; i++) {
            for (int e = rowStart[i]; e < rowStart[i + 1]; e++) {
                degree[i]++;
                degree[col[e]]++;
            }
        }
        for (int i = 0; i < n; i++) {
            if (active[i]) {
                tables[i] = new Table(degree[i]);
            }
        }
        for (int i = 0; i < n; i++) {
            for (int e = rowStart[i]; e < rowStart[i + 1]; e++) {
                entries += tables[i].add(col[e], q[e], 0) ? 1 : 0;
                entries += tables[col[e]].add(i, 0, q[e]) ? 1 : 0;
            }
        }
        this.inputEntries = entries;
        this.x = new double[n];
        this.v = new double[n];
        this.gDiag = new double[n];
    }

    /**
     * Solves the chain.
     *
     * @param denseSwitch go dense when the next state's degree × denseSwitch ≥ the remaining states
     *                    ({@link #DENSE_SWITCH}; tests use 0 to stay sparse to the end and
     *                    {@code Integer.MAX_VALUE} to go dense at once)
     * @param maxCore     the largest dense core allowed
     * @param threads     the most threads for the dense core (rows are split between them; the result is
     *                    the same for any number)
     * @return the solved chain
     * @throws CoreTooLarge if the dense core would exceed {@code maxCore}
     */
    static AbsorbingChain solve(int n, int[] rowStart, int[] col, double[] q, double[] a, double[] b, double[] alpha,
            boolean[] active, int denseSwitch, int maxCore, int threads) {
        AbsorbingChain chain = new AbsorbingChain(n, rowStart, col, q, a, b, alpha, active, threads);
        chain.run(denseSwitch, maxCore);
        return chain;
    }

    /** The dense core would be larger than allowed. */
    static final class CoreTooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int core;

        CoreTooLarge(int core) {
            super(null, null, false, false);
            this.core = core;
        }
    }

    /** @return the probability that a walk from start converts */
    double conversionProbability() {
        return conversion;
    }

    /** @return the removal effect of each state, h·x/p; 0 for states never visited or when p is 0 */
    double[] removalEffects() {
        double[] effects = new double[n];
        if (conversion > 0) {
            for (int c = 0; c < n; c++) {
                if (active[c] && x[c] > 0 && v[c] > 0) {
                    effects[c] = v[c] / gDiag[c] * x[c] / conversion;
                }
            }
        }
        return effects;
    }

    Stats stats() {
        int states = 0;
        for (boolean s : active) {
            states += s ? 1 : 0;
        }
        return new Stats(states, tailCount, denseNodes.length, peakEntries, work);
    }

    private void run(int denseSwitch, int maxCore) {
        int remaining = 0;
        LongHeap heap = new LongHeap();
        for (int i = 0; i < n; i++) {
            if (active[i]) {
                remaining++;
                heap.push(key(tables[i].size, i));
            }
        }
        while (!heap.isEmpty()) {
            long top = heap.pop();
            int k = (int) top;
            int degree = (int) (top >>> 32);
            if (elimPos[k] >= 0 || tables[k].size != degree) {
                continue; // stale
            }
            if ((long) degree * denseSwitch >= remaining || degree * (long) DENSE_SWITCH >= maxCore
                    || entries - inputEntries > MAX_FILL || work > MAX_WORK) {
                break; // dense from here, if the rest is small enough
            }
            eliminate(k, heap);
            remaining--;
        }
        if (remaining > maxCore) {
            throw new CoreTooLarge(remaining);
        }
        denseNodes = new int[remaining];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (active[i] && elimPos[i] < 0) {
                elimPos[i] = tailCount + m;
                denseNodes[m++] = i;
            }
        }
        denseFactor();
        denseSolve();
        denseInverse();
        tailSolve();
        double p = 0;
        for (int j = 0; j < n; j++) {
            if (active[j] && alphaStart[j] != 0) {
                p += alphaStart[j] * x[j];
            }
        }
        conversion = p;
    }

    private static long key(int degree, int node) {
        return ((long) degree << 32) | node;
    }

    // ---------------------------------------------------------------- sparse elimination

    private void eliminate(int k, LongHeap heap) {
        Table t = tables[k];
        int d = t.size;
        int off = poolSize;
        int end = off + d;
        ensurePool(end);
        t.sortedInto(nbrPool, uPool, lPool, off); // neighbours j; q_kj into u, q_jk into l
        double dk = a[k];
        for (int c = off; c < end; c++) {
            dk += uPool[c];
        }
        if (!(dk > 0)) {
            throw new IllegalStateException("state " + k + " cannot be absorbed");
        }
        for (int c = off; c < end; c++) {
            uPool[c] /= dk; // u_kj = q_kj / d_k
        }
        poolSize = end;
        record(k, off, dk);
        double ak = a[k] / dk;
        double bk = b[k] / dk;
        for (int ci = off; ci < end; ci++) {
            int i = nbrPool[ci];
            Table ti = tables[i];
            entries -= ti.remove(k) ? 2 : 0; // k's own table goes with it
            double qik = lPool[ci];
            double uki = uPool[ci];
            if (qik != 0) {
                a[i] += qik * ak;
                b[i] += qik * bk;
            }
            // q_ij += q_ik u_kj and q_ji += q_jk u_ki: the same products as j's own update, so the
            // two copies of each entry stay bit-identical; zero products still add the entry (fill)
            for (int cj = off; cj < end; cj++) {
                if (cj != ci && ti.add(nbrPool[cj], qik * uPool[cj], lPool[cj] * uki)) {
                    entries++;
                }
            }
            heap.push(key(ti.size, i));
        }
        work += (long) d * d;
        peakEntries = Math.max(peakEntries, entries);
        double alk = alpha[k];
        if (alk != 0) {
            for (int c = off; c < end; c++) {
                alpha[nbrPool[c]] += alk * uPool[c];
            }
        }
        for (int c = off; c < end; c++) {
            lPool[c] /= dk; // l_jk = q_jk / d_k
        }
        elimPos[k] = tailCount - 1;
        tables[k] = null;
    }

    private void record(int k, int off, double dk) {
        if (tailCount == recNode.length) {
            int size = recNode.length * 2;
            recNode = Arrays.copyOf(recNode, size);
            recOff = Arrays.copyOf(recOff, size + 1);
            recD = Arrays.copyOf(recD, size);
            recB = Arrays.copyOf(recB, size);
            recAlpha = Arrays.copyOf(recAlpha, size);
        }
        recNode[tailCount] = k;
        recOff[tailCount] = off;
        recOff[tailCount + 1] = poolSize;
        recD[tailCount] = dk;
        recB[tailCount] = b[k];
        recAlpha[tailCount] = alpha[k];
        tailCount++;
    }

    private void ensurePool(int size) {
        if (size > nbrPool.length) {
            int grown = Math.max(size, nbrPool.length * 2);
            nbrPool = Arrays.copyOf(nbrPool, grown);
            uPool = Arrays.copyOf(uPool, grown);
            lPool = Arrays.copyOf(lPool, grown);
        }
    }

    // ---------------------------------------------------------------- dense core

    /**
     * GTH elimination of the core, left-looking by blocks of {@link #BLOCK} rows: the pivots above a
     * block are applied to it one column tile at a time (the block's tile stays in cache while each pivot
     * row's tile is read once for the whole block), then the block's own pivots, whose sums need whole rows.
     */
    private void denseFactor() {
        int m = denseNodes.length;
        dense = new double[m][m];
        double[] ad = new double[m];
        double[] bd = new double[m];
        for (int r = 0; r < m; r++) {
            int i = denseNodes[r];
            tables[i].scatterOut(dense[r], elimPos, tailCount);
            ad[r] = a[i];
            bd[r] = b[i];
        }
        double[] d = new double[m];
        for (int i0 = 0; i0 < m; i0 += BLOCK) {
            int i1 = Math.min(m, i0 + BLOCK);
            int blockStart = i0;
            int blockEnd = i1;
            forRows(blockStart, blockEnd, (from, to) -> applyPivotsAbove(blockStart, from, to, d, ad, bd));
            for (int k = i0; k < i1; k++) {
                double[] rk = dense[k];
                double sum = ad[k];
                for (int j = k + 1; j < m; j++) {
                    sum += rk[j];
                }
                if (!(sum > 0)) {
                    throw new IllegalStateException("state " + denseNodes[k] + " cannot be absorbed");
                }
                d[k] = sum;
                for (int r = k + 1; r < i1; r++) {
                    double[] rr = dense[r];
                    double f = rr[k];
                    if (f == 0) {
                        continue;
                    }
                    f /= sum;
                    rr[k] = f;
                    ad[r] += f * ad[k];
                    bd[r] += f * bd[k];
                    for (int j = k + 1; j < m; j++) {
                        rr[j] += f * rk[j];
                    }
                }
            }
        }
        // the start row: its value at each pivot is what v needs
        double[] al = new double[m];
        for (int r = 0; r < m; r++) {
            al[r] = alpha[denseNodes[r]];
        }
        for (int k = 0; k < m; k++) {
            double f = al[k] / d[k];
            if (f != 0) {
                double[] rk = dense[k];
                for (int j = k + 1; j < m; j++) {
                    al[j] += f * rk[j];
                }
            }
        }
        for (int k = 0; k < m; k++) {
            double[] rk = dense[k];
            double dk = d[k];
            for (int j = k + 1; j < m; j++) {
                rk[j] /= dk;
            }
        }
        denseD = d;
        denseB = bd;
        denseAlpha = al;
    }

    private double[] denseD;
    private double[] denseB;
    private double[] denseAlpha;

    /**
     * Applies the pivots above row block i0 to rows [from, to) of it, tile by tile: left of a tile the
     * multipliers are known (four pivot rows per pass), inside it each column becomes final in turn.
     * Each row's operations run in the same order whichever rows share the call.
     */
    private void applyPivotsAbove(int i0, int from, int to, double[] d, double[] ad, double[] bd) {
        int m = denseNodes.length;
        for (int j0 = 0; j0 < m; j0 += TILE) {
            int j1 = Math.min(m, j0 + TILE);
            int kKnown = Math.min(i0, j0);
            for (int k = 0; k < kKnown; k += 4) {
                int kn = Math.min(4, kKnown - k);
                for (int r = from; r < to; r++) {
                    double[] rr = dense[r];
                    if (kn == 4) {
                        combine4(rr, rr[k], dense[k], rr[k + 1], dense[k + 1], rr[k + 2], dense[k + 2], rr[k + 3], dense[k + 3], j0, j1);
                    } else {
                        for (int q = k; q < k + kn; q++) {
                            axpy(rr, rr[q], dense[q], j0, j1);
                        }
                    }
                }
            }
            int kEnd = Math.min(i0, j1);
            for (int k = kKnown; k < kEnd; k++) {
                double[] rk = dense[k];
                for (int r = from; r < to; r++) {
                    double[] rr = dense[r];
                    double f = rr[k];
                    if (f == 0) {
                        continue;
                    }
                    f /= d[k];
                    rr[k] = f;
                    ad[r] += f * ad[k];
                    bd[r] += f * bd[k];
                    axpy(rr, f, rk, k + 1, j1);
                }
            }
        }
    }

    /** Rows [from, to) split into contiguous ranges, one per thread of the common pool (or all here). */
    private void forRows(int from, int to, RowRange body) {
        int parts = Math.min(to - from, threads);
        if (parts <= 1) {
            body.run(from, to);
            return;
        }
        IntStream.range(0, parts).parallel().forEach(p -> body.run(from + (to - from) * p / parts, from + (to - from) * (p + 1) / parts));
    }

    /** Work on a range of rows. */
    private interface RowRange {
        void run(int from, int to);
    }


    private void denseSolve() {
        int m = denseNodes.length;
        double[] xd = new double[m];
        double[] vd = new double[m];
        for (int k = m - 1; k >= 0; k--) {
            double[] rk = dense[k];
            double s = denseB[k] / denseD[k];
            for (int j = k + 1; j < m; j++) {
                s += rk[j] * xd[j];
            }
            xd[k] = s;
            double t = denseAlpha[k] / denseD[k];
            for (int i = k + 1; i < m; i++) {
                t += vd[i] * dense[i][k];
            }
            vd[k] = t;
        }
        for (int k = 0; k < m; k++) {
            x[denseNodes[k]] = xd[k];
            v[denseNodes[k]] = vd[k];
        }
    }

    /**
     * G of the core by Takahashi's recurrences, from the last pivot back, for blocks of {@link #INVERSE_BLOCK}
     * pivots at a time: G_kj = Σ_{l>k} u_kl G_lj (rows) and G_jk = Σ_{l>k} G_jl l_lk, kept as rows of
     * the transpose so that both are sums of scaled rows. The part over the pivots after the block is
     * done for the whole block while each row of G is in cache; the part within the block follows.
     */
    private void denseInverse() {
        int m = denseNodes.length;
        double[][] g = new double[m][m];
        double[][] gt = new double[m][m];
        double[][] lcol = new double[INVERSE_BLOCK][m];
        for (int k1 = m; k1 > 0; ) {
            int k0 = Math.max(0, k1 - INVERSE_BLOCK);
            int rows = k1 - k0;
            for (int r = 0; r < rows; r++) {
                for (int l = k0 + r + 1; l < m; l++) {
                    lcol[r][l] = dense[l][k0 + r];
                }
            }
            // after the block: G[k][j] = Σ_{l≥k1} u_kl G[l][j], G^T[k][j] = Σ_{l≥k1} l_lk G^T[l][j], j ≥ k1
            int blockStart = k0;
            int blockEnd = k1;
            forRows(0, rows, (from, to) -> afterBlock(blockStart, blockEnd, from, to, g, gt, lcol));
            // within the block, from its last pivot back
            for (int k = k1 - 1; k >= k0; k--) {
                double[] uk = dense[k];
                double[] lk = lcol[k - k0];
                double[] gk = g[k];
                double[] gtk = gt[k];
                for (int l = k + 1; l < k1; l++) {
                    double cu = uk[l];
                    if (cu != 0) {
                        double[] gl = g[l];
                        for (int j = k1; j < m; j++) {
                            gk[j] += cu * gl[j];
                        }
                    }
                    double cl = lk[l];
                    if (cl != 0) {
                        double[] gtl = gt[l];
                        for (int j = k1; j < m; j++) {
                            gtk[j] += cl * gtl[j];
                        }
                    }
                }
                for (int j = k + 1; j < k1; j++) {
                    double row = 0; // G[k][j] = Σ_{l>k} u_kl G[l][j], G[l][j] = G^T[j][l]
                    double col = 0; // G[j][k] = Σ_{l>k} G[j][l] l_lk
                    double[] gtj = gt[j];
                    double[] gj = g[j];
                    for (int l = k + 1; l < m; l++) {
                        row += uk[l] * gtj[l];
                        col += gj[l] * lk[l];
                    }
                    gk[j] = row;
                    gtk[j] = col;
                }
                double diag = 1 / denseD[k];
                for (int l = k + 1; l < m; l++) {
                    diag += uk[l] * gtk[l];
                }
                gk[k] = diag;
                gtk[k] = diag;
                gDiag[denseNodes[k]] = diag;
                for (int j = k + 1; j < m; j++) {
                    g[j][k] = gtk[j];
                    gt[j][k] = gk[j];
                }
            }
            k1 = k0;
        }
        gDense = g;
    }

    /**
     * For pivots k0 + [from, to): the part of G's row k and column k over the pivots after the block, one
     * matrix at a time so that the block's tiles of it stay in the L1 cache.
     */
    private void afterBlock(int k0, int k1, int from, int to, double[][] g, double[][] gt, double[][] lcol) {
        int m = denseNodes.length;
        for (int pass = 0; pass < 2; pass++) {
            double[][] target = pass == 0 ? g : gt;
            for (int j0 = k1; j0 < m; j0 += INVERSE_TILE) {
                int j1 = Math.min(m, j0 + INVERSE_TILE);
                for (int l = k1; l < m; l += 4) {
                    int ln = Math.min(4, m - l);
                    for (int r = from; r < to; r++) {
                        double[] c = pass == 0 ? dense[k0 + r] : lcol[r];
                        if (ln == 4) {
                            combine4(target[k0 + r], c[l], target[l], c[l + 1], target[l + 1], c[l + 2], target[l + 2], c[l + 3], target[l + 3],
                                    j0, j1);
                        } else {
                            for (int q = l; q < l + ln; q++) {
                                axpy(target[k0 + r], c[q], target[q], j0, j1);
                            }
                        }
                    }
                }
            }
        }
    }

    /** y[j] += c·x[j] for j in [from, to). */
    private static void axpy(double[] y, double c, double[] x, int from, int to) {
        if (c != 0) {
            for (int j = from; j < to; j++) {
                y[j] += c * x[j];
            }
        }
    }

    /** y[j] += (c0·x0[j] + c1·x1[j]) + (c2·x2[j] + c3·x3[j]) for j in [from, to): one load and store of y per four rows. */
    private static void combine4(double[] y, double c0, double[] x0, double c1, double[] x1, double c2, double[] x2,
            double c3, double[] x3, int from, int to) {
        if (c0 == 0 && c1 == 0 && c2 == 0 && c3 == 0) {
            return;
        }
        for (int j = from; j < to; j++) {
            y[j] += (c0 * x0[j] + c1 * x1[j]) + (c2 * x2[j] + c3 * x3[j]);
        }
    }

    // ---------------------------------------------------------------- sparse back substitution

    private double[] gRowPool;
    private double[] gColPool;

    private void tailSolve() {
        gRowPool = new double[poolSize];
        gColPool = new double[poolSize];
        double[] block = new double[0];
        for (int r = tailCount - 1; r >= 0; r--) {
            int k = recNode[r];
            int off = recOff[r];
            int end = recOff[r + 1];
            int d = end - off;
            double dk = recD[r];
            double xs = recB[r] / dk;
            double vs = recAlpha[r] / dk;
            for (int c = off; c < end; c++) {
                int j = nbrPool[c];
                xs += uPool[c] * x[j];
                vs += lPool[c] * v[j];
            }
            x[k] = xs;
            v[k] = vs;
            if (block.length < d * d) {
                block = new double[Math.max(d * d, block.length * 2)];
            }
            gather(off, end, block);
            // G_{m,k} = Σ_l G_{m,l} l_lk and G_{k,m} = Σ_l u_kl G_{l,m}, over the clique
            for (int a = 0; a < d; a++) {
                double col = 0;
                double row = 0;
                int ra = a * d;
                for (int b = 0; b < d; b++) {
                    col += block[ra + b] * lPool[off + b];
                    row += uPool[off + b] * block[b * d + a];
                }
                gColPool[off + a] = col;
                gRowPool[off + a] = row;
            }
            double diag = 1 / dk;
            for (int c = off; c < end; c++) {
                diag += uPool[c] * gColPool[c];
            }
            gDiag[k] = diag;
        }
    }

    /**
     * Writes G restricted to a clique (neighbours nbrPool[off, end), sorted) into block, row-major. An
     * entry between two states is kept by the one eliminated first, in its own clique (or in the core):
     * each tail state of the clique walks its record once for all the later states.
     */
    private void gather(int off, int end, double[] block) {
        int d = end - off;
        for (int a = 0; a < d; a++) {
            int m = nbrPool[off + a];
            int pm = elimPos[m];
            block[a * d + a] = gDiag[m];
            if (pm >= tailCount) {
                double[] gm = gDense[pm - tailCount];
                for (int b = 0; b < d; b++) {
                    int pl = elimPos[nbrPool[off + b]];
                    if (b != a && pl >= tailCount) {
                        block[a * d + b] = gm[pl - tailCount];
                    }
                }
                continue;
            }
            // m is a tail state: its record holds G_{m,l} and G_{l,m} for every later l of the clique
            int mEnd = recOff[pm + 1];
            int i = recOff[pm];
            for (int b = 0; b < d; b++) {
                int l = nbrPool[off + b];
                if (b == a || elimPos[l] < pm) {
                    continue;
                }
                if (mEnd - i > 8 * (d - b)) {
                    i = Arrays.binarySearch(nbrPool, i, mEnd, l);
                } else {
                    while (i < mEnd && nbrPool[i] < l) {
                        i++;
                    }
                }
                if (i < 0 || i >= mEnd || nbrPool[i] != l) {
                    throw new IllegalStateException("state " + l + " missing from the clique of " + m);
                }
                block[a * d + b] = gRowPool[i];
                block[b * d + a] = gColPool[i];
            }
        }
    }

    // ---------------------------------------------------------------- data structures

    /** A state's neighbours with q to them (out) and from them (in): open addressing, linear probing. */
    static final class Table {
        private int[] keys; // node + 1; 0 = empty
        private double[] out;
        private double[] in;
        int size;

        Table(int expected) {
            int cap = 4;
            while (cap < expected * 2) {
                cap <<= 1;
            }
            keys = new int[cap];
            out = new double[cap];
            in = new double[cap];
        }

        private static int mix(int key) {
            int h = key * 0x9E3779B9;
            return h ^ (h >>> 16);
        }

        /** @return true if the entry is new */
        boolean add(int node, double dOut, double dIn) {
            int key = node + 1;
            int mask = keys.length - 1;
            int i = mix(key) & mask;
            while (keys[i] != 0) {
                if (keys[i] == key) {
                    out[i] += dOut;
                    in[i] += dIn;
                    return false;
                }
                i = (i + 1) & mask;
            }
            keys[i] = key;
            out[i] = dOut;
            in[i] = dIn;
            if (++size * 2 > keys.length) {
                grow();
            }
            return true;
        }

        double inOf(int node) {
            int key = node + 1;
            int mask = keys.length - 1;
            int i = mix(key) & mask;
            while (keys[i] != 0) {
                if (keys[i] == key) {
                    return in[i];
                }
                i = (i + 1) & mask;
            }
            return 0;
        }

        /** @return true if the entry was there */
        boolean remove(int node) {
            int key = node + 1;
            int mask = keys.length - 1;
            int i = mix(key) & mask;
            while (keys[i] != key) {
                if (keys[i] == 0) {
                    return false;
                }
                i = (i + 1) & mask;
            }
            // backward-shift deletion
            int hole = i;
            int j = i;
            while (true) {
                j = (j + 1) & mask;
                if (keys[j] == 0) {
                    break;
                }
                int home = mix(keys[j]) & mask;
                if (((j - home) & mask) >= ((j - hole) & mask)) {
                    keys[hole] = keys[j];
                    out[hole] = out[j];
                    in[hole] = in[j];
                    hole = j;
                }
            }
            keys[hole] = 0;
            out[hole] = 0;
            in[hole] = 0;
            size--;
            return true;
        }

        /** Writes neighbours sorted by node, with out and in values, from {@code off}. */
        void sortedInto(int[] nodes, double[] outs, double[] ins, int off) {
            long[] order = new long[size];
            int n = 0;
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] != 0) {
                    order[n++] = ((long) (keys[i] - 1) << 32) | i;
                }
            }
            Arrays.sort(order);
            for (int c = 0; c < n; c++) {
                int slot = (int) order[c];
                nodes[off + c] = (int) (order[c] >>> 32);
                outs[off + c] = out[slot];
                ins[off + c] = in[slot];
            }
        }

        void scatterOut(double[] row, int[] position, int base) {
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] != 0) {
                    row[position[keys[i] - 1] - base] = out[i];
                }
            }
        }

        private void grow() {
            int[] oldKeys = keys;
            double[] oldOut = out;
            double[] oldIn = in;
            keys = new int[oldKeys.length * 2];
            out = new double[keys.length];
            in = new double[keys.length];
            size = 0;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != 0) {
                    add(oldKeys[i] - 1, oldOut[i], oldIn[i]);
                }
            }
        }
    }

    /** A binary min-heap of longs. */
    static final class LongHeap {
        private long[] heap = new long[64];
        private int size;

        boolean isEmpty() {
            return size == 0;
        }

        void push(long value) {
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, size * 2);
            }
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (heap[parent] <= value) {
                    break;
                }
                heap[i] = heap[parent];
                i = parent;
            }
            heap[i] = value;
        }

        long pop() {
            long top = heap[0];
            long last = heap[--size];
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && heap[child + 1] < heap[child]) {
                    child++;
                }
                if (heap[child] >= last) {
                    break;
                }
                heap[i] = heap[child];
                i = child;
            }
            heap[i] = last;
            return top;
        }
    }
}
