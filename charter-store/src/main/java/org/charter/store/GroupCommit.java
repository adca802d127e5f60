package org.charter.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Group commit for SQLite: small writes from many threads are queued and run by one writer thread, as many as are
 * waiting (up to {@link #MAX_BATCH}) in one transaction, each inside its own savepoint so that a write that fails
 * (an unknown statement, say) is rolled back alone and its caller alone gets the exception. A caller returns only
 * after the transaction holding its write has committed, so an acknowledged write is a stored one.
 *
 * <p>Why: SQLite has one writer at a time, and each commit writes the touched pages to the write-ahead log; with
 * concurrent voters most of a commit's cost is shared when their writes go in together.
 */
final class GroupCommit implements AutoCloseable {
    static final int MAX_BATCH = 256;

    private record Pending<R>(Function<Handle, R> work, CompletableFuture<R> done) { }

    private final Jdbi jdbi;
    private final Runnable lock;
    private final Runnable unlock;
    private final BlockingQueue<Pending<?>> queue = new ArrayBlockingQueue<>(16 * MAX_BATCH);
    private final Thread writer;
    private volatile boolean closing;

    GroupCommit(Jdbi jdbi, Runnable lock, Runnable unlock, String name) {
        this.jdbi = jdbi;
        this.lock = lock;
        this.unlock = unlock;
        this.writer = Thread.ofPlatform().daemon().name(name).start(this::loop);
    }

    /** Runs the work in the next group transaction and returns its result once that transaction has committed. */
    <R> R submit(Function<Handle, R> work) {
        if (closing) throw new IllegalStateException("the store is closing");
        var pending = new Pending<>(work, new CompletableFuture<R>());
        try {
            queue.put(pending);
            return pending.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the store", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }

    private void loop() {
        var batch = new ArrayList<Pending<?>>(MAX_BATCH);
        while (!(closing && queue.isEmpty())) {
            try {
                Pending<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                runBatch(batch);
            } catch (InterruptedException e) {
                // close() interrupts only to wake us; the loop condition decides
            } finally {
                batch.clear();
            }
        }
    }

    private void runBatch(List<Pending<?>> batch) {
        var results = new Object[batch.size()];
        var failures = new RuntimeException[batch.size()];
        lock.run();
        try {
            jdbi.useTransaction(h -> {
                for (int i = 0; i < batch.size(); i++) {
                    String savepoint = "w" + i;
                    h.savepoint(savepoint);
                    try {
                        results[i] = batch.get(i).work().apply(h);
                        h.release(savepoint);
                    } catch (RuntimeException e) {
                        // Undoes this write alone; the savepoint's frame stays open and ends with the commit.
                        h.rollbackToSavepoint(savepoint);
                        failures[i] = e;
                    }
                }
            });
        } catch (RuntimeException e) { // the commit itself failed: nothing of the batch is stored
            for (Pending<?> p : batch) p.done().completeExceptionally(e);
            return;
        } finally {
            unlock.run();
        }
        for (int i = 0; i < batch.size(); i++) complete(batch.get(i), results[i], failures[i]);
    }

    @SuppressWarnings("unchecked")
    private static <R> void complete(Pending<R> p, Object result, RuntimeException failure) {
        if (failure != null) p.done().completeExceptionally(failure);
        else p.done().complete((R) result);
    }

    /** Finishes every write already queued, then stops the writer. */
    @Override
    public void close() {
        closing = true;
        writer.interrupt();
        try {
            writer.join(TimeUnit.SECONDS.toMillis(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
