package dev.referralkit.engine;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;

/**
 * A list that holds its first element in a field and allocates an {@link ArrayList} only for a
 * second: most payments produce exactly one entry, and this saves about 48 bytes each.
 *
 * @param <E> the element
 */
final class SmallList<E> extends AbstractList<E> {
    private E first;
    private List<E> rest;

    @Override
    public boolean add(E e) {
        if (first == null && rest == null) {
            first = e;
        } else {
            if (rest == null) {
                rest = new ArrayList<>(2);
            }
            rest.add(e);
        }
        modCount++;
        return true;
    }

    @Override
    public E get(int index) {
        if (index == 0 && first != null) {
            return first;
        }
        if (rest == null || index < 1 || index > rest.size()) {
            throw new IndexOutOfBoundsException("index " + index + " of " + size());
        }
        return rest.get(index - 1);
    }

    @Override
    public int size() {
        return (first == null ? 0 : 1) + (rest == null ? 0 : rest.size());
    }
}
