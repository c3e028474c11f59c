package dev.referralkit.attribution;

import dev.referralkit.money.Ratio;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Per-touch weights of the simple rules, shared by binding and journey models. */
final class TouchModelsShare {
    private TouchModelsShare() {
    }

    static List<Ratio> only(int n, int index) {
        List<Ratio> w = new ArrayList<>(Collections.nCopies(n, Ratio.ZERO));
        w.set(index, Ratio.ONE);
        return w;
    }

    static List<Ratio> equal(int n) {
        return Collections.nCopies(n, Ratio.of(1, n));
    }
}
