package dev.referralkit.jdbc.internal;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Waiting for work handed to the store's writer thread. The wait ignores interruption until the work has
 * ended (and then interrupts the thread again): a caller must never touch the store's connection while the
 * writer may still be using it.
 */
public final class Await {
    private Await() {
    }

    /**
     * Waits until the work has ended.
     *
     * @param work the work, not null
     * @return its failure, or null if it succeeded
     */
    public static Throwable end(Future<?> work) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    work.get();
                    return null;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    return e.getCause();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
