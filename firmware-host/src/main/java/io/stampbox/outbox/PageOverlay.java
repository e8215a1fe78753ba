package io.stampbox.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A store file's pages as MapDB sees them: pages changed since the last checkpoint in memory, over a
 * small cache of clean pages read from the file (MapDB reads a long at a time). Not thread-safe: its
 * owner, {@link JournaledVolume}, holds the lock.
 */
final class PageOverlay {

    static final int PAGE = CommitJournal.PAGE;
    static final int CLEAN_PAGES = 64;

    /** Reads one page of the store file; bytes past its end read as zeros. */
    interface PageSource {
        void read(long offset, byte[] page) throws IOException;
    }

    /** Receives one changed byte range of a page. */
    interface RangeSink {
        void write(long offset, byte[] data, int from, int length) throws IOException;
    }

    /** A changed page; [lo, hi) changed since the last checkpoint, [clo, chi) since the last commit. */
    private static final class DirtyPage {
        final byte[] data = new byte[PAGE];
        int lo = PAGE;
        int hi = 0;
        int clo = PAGE;
        int chi = 0;
    }

    private final PageSource source;
    private final TreeMap<Long, DirtyPage> dirty = new TreeMap<>();
    private final Map<Long, byte[]> clean = new LinkedHashMap<>(CLEAN_PAGES, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
            return size() > CLEAN_PAGES;
        }
    };

    PageOverlay(PageSource source) {
        this.source = source;
    }

    /** Changes bytes; a page whose bytes do not actually change stays clean. */
    void write(long offset, byte[] src, int srcPos, int len) {
        long pos = offset;
        for (int done = 0; done < len; ) {
            long pageNo = pos / PAGE;
            int inPage = (int) (pos % PAGE);
            int n = Math.min(len - done, PAGE - inPage);
            DirtyPage page = dirty.get(pageNo);
            if (page == null) {
                page = new DirtyPage();
                System.arraycopy(cleanPage(pageNo), 0, page.data, 0, PAGE);
                int from = srcPos + done;
                if (Arrays.equals(page.data, inPage, inPage + n, src, from, from + n)) {
                    pos += n;
                    done += n;
                    continue;
                }
                dirty.put(pageNo, page);
            }
            System.arraycopy(src, srcPos + done, page.data, inPage, n);
            page.lo = Math.min(page.lo, inPage);
            page.hi = Math.max(page.hi, inPage + n);
            page.clo = Math.min(page.clo, inPage);
            page.chi = Math.max(page.chi, inPage + n);
            pos += n;
            done += n;
        }
    }

    void read(long offset, byte[] dst, int dstPos, int len) {
        long pos = offset;
        for (int done = 0; done < len; ) {
            long pageNo = pos / PAGE;
            int inPage = (int) (pos % PAGE);
            int n = Math.min(len - done, PAGE - inPage);
            DirtyPage page = dirty.get(pageNo);
            byte[] data = page != null ? page.data : cleanPage(pageNo);
            System.arraycopy(data, inPage, dst, dstPos + done, n);
            pos += n;
            done += n;
        }
    }

    private byte[] cleanPage(long pageNo) {
        byte[] data = clean.get(pageNo);
        if (data == null) {
            data = new byte[PAGE];
            try {
                source.read(pageNo * PAGE, data);
            } catch (IOException e) {
                throw new UncheckedIOException("reading page " + pageNo + " failed", e);
            }
            clean.put(pageNo, data);
        }
        return data;
    }

    /** The byte ranges changed since the last call; they then count as committed. */
    List<CommitJournal.Range> takeCommitDelta() {
        List<CommitJournal.Range> delta = new ArrayList<>();
        for (Map.Entry<Long, DirtyPage> e : dirty.entrySet()) {
            DirtyPage p = e.getValue();
            if (p.chi > p.clo) {
                delta.add(new CommitJournal.Range(e.getKey() * PAGE + p.clo,
                        Arrays.copyOfRange(p.data, p.clo, p.chi)));
            }
            p.clo = PAGE;
            p.chi = 0;
        }
        return delta;
    }

    /** How many pages changed since the last checkpoint. */
    int changedPages() {
        return dirty.size();
    }

    /** Hands every range changed since the last checkpoint to {@code sink}, in file order. */
    void forEachChange(RangeSink sink) throws IOException {
        for (Map.Entry<Long, DirtyPage> e : dirty.entrySet()) {
            DirtyPage p = e.getValue();
            sink.write(e.getKey() * PAGE + p.lo, p.data, p.lo, p.hi - p.lo);
        }
    }

    /** After a checkpoint: the changed pages are now what the file holds. */
    void checkpointed() {
        dirty.forEach((pageNo, p) -> clean.put(pageNo, p.data));
        dirty.clear();
    }
}
