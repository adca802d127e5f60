package org.charter.store.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

import org.charter.core.audit.AuditChain;
import org.charter.core.audit.AuditEntry;
import org.charter.core.audit.AuditJsonLines;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An append-only audit log file in {@link AuditJsonLines} format: the I/O edge of {@code org.charter.core.audit}.
 * {@link #open} locks the file against other writers, verifies the whole chain and refuses a broken one; {@link
 * #append} returns an entry only once it is on disk ({@code FileChannel.force(true)}). Thread-safe, with group commit:
 * entries are chained in the order their callers enter {@code append}; a caller then waits for the flush lock, and the
 * first to get it writes every entry queued so far in one write and one force, so concurrent callers share an fsync
 * (with one caller at a time, each entry is one write and one force). If a write or force fails, the log refuses
 * every later append (the file's tail is then unknown: reopen it, which verifies the chain). One writer per file
 * across processes ({@code FileLock}).
 *
 * <pre>{@code
 * try (AuditLog log = AuditLog.open(Path.of("audit.jsonl"))) {
 *     AuditEntry e = log.append(Instant.now(), payload);   // payload: any JSON value, typically an ObjectNode
 * }
 * }</pre>
 */
public final class AuditLog implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;
    // Fair, so that callers waiting for a flush are not overtaken by the caller that just flushed (which would keep
    // batches small).
    private final java.util.concurrent.locks.ReentrantLock flushLock = new java.util.concurrent.locks.ReentrantLock(true);
    // Guarded by this: the chain's head and the lines not yet written.
    private AuditEntry last;
    private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();
    private long queued;
    private boolean closed;
    private String failed;
    // Guarded by flushLock: the file's length and how many queued entries are on disk.
    private long size;
    private long durable;
    private long forces;

    private AuditLog(Path path, FileChannel channel, FileLock lock, AuditEntry last, long size) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
        this.last = last;
        this.size = size;
    }

    /**
     * Opens (creating when missing) the log at {@code path}, continuing its chain.
     *
     * @throws AuditLogException when the file cannot be opened, another writer holds it, or its chain is broken
     */
    public static AuditLog open(Path path) {
        boolean existed = Files.exists(path);
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new AuditLogException(path + ": cannot open audit log: " + e.getMessage(), e);
        }
        try {
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) throw new AuditLogException(path + ": audit log is already open for writing elsewhere", null);
            AuditEntry[] last = {null};
            AuditChain.Verification v;
            ch.position(0);
            InputStream in = Channels.newInputStream(ch); // not closed: closing it would close the channel
            Reader reader = AuditJsonLines.strictUtf8(in);
            v = AuditJsonLines.verify(reader, e -> last[0] = e);
            if (!v.ok())
                throw new AuditLogException(path + ": " + v.firstBreak().orElseThrow().describe()
                        + "; refusing to append to a broken chain", null);
            if (!existed) syncDirectory(path);
            return new AuditLog(path, ch, lock, last[0], ch.size());
        } catch (IOException e) {
            closeQuietly(ch);
            throw new AuditLogException(path + ": cannot read audit log: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    /** Appends the entry for {@code payload} at {@code at} and returns it once it is on disk. */
    public AuditEntry append(Instant at, JsonNode payload) {
        AuditEntry e;
        long ticket;
        synchronized (this) {
            if (closed) throw new IllegalStateException(path + ": audit log is closed");
            if (failed != null) throw new AuditLogException(path + ": audit log refuses appends after a failed write: " + failed, null);
            e = AuditChain.append(last, at.toString(), payload);
            pending.writeBytes((AuditJsonLines.line(e) + "\n").getBytes(StandardCharsets.UTF_8));
            last = e;
            ticket = ++queued;
        }
        flushLock.lock();
        try {
            if (durable >= ticket) return e;
            flushPending(e.seq());
        } finally {
            flushLock.unlock();
        }
        return e;
    }

    /** Writes and forces every queued line; the caller holds {@code flushLock}. */
    private void flushPending(long seqForMessage) {
        byte[] batch;
        long batchEnd;
        synchronized (this) {
            if (failed != null) throw new AuditLogException(path + ": entry " + seqForMessage + " was not written: " + failed, null);
            if (pending.size() == 0) return;
            batch = pending.toByteArray();
            pending.reset();
            batchEnd = queued;
        }
        try {
            ByteBuffer buf = ByteBuffer.wrap(batch);
            long pos = size;
            while (buf.hasRemaining()) pos += channel.write(buf, pos);
            channel.force(true);
            forces++;
            size = pos;
            durable = batchEnd;
        } catch (IOException ex) {
            synchronized (this) {
                failed = ex.toString();
            }
            throw new AuditLogException(path + ": cannot append entry " + seqForMessage + ": " + ex.getMessage(), ex);
        }
    }

    /** How many times the file was forced to disk since it was opened (fewer than appends when callers overlap). */
    public long forces() {
        flushLock.lock();
        try {
            return forces;
        } finally {
            flushLock.unlock();
        }
    }

    /** The head of the chain (its entry may still be on its way to disk), empty when the log has none. */
    public synchronized Optional<AuditEntry> last() {
        return Optional.ofNullable(last);
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        flushLock.lock();
        try {
            synchronized (this) {
                if (closed) return;
                closed = true;
            }
            try {
                flushPending(-1); // entries queued by callers that entered append before close
            } catch (AuditLogException ignored) {
                // Their callers see the failure themselves.
            }
            try {
                lock.release();
            } catch (IOException ignored) {
                // Closing the channel releases the lock as well.
            }
            closeQuietly(channel);
        } finally {
            flushLock.unlock();
        }
    }

    private static void syncDirectory(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null) return;
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException ignored) {
            // Not every platform can open a directory; the file itself is still forced on each append.
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // Nothing more to do.
        }
    }
}
