package org.charter.core.opinion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.charter.core.assembly.VoteValue;

/**
 * A generated conversation with planted opinion groups, for benchmarks and tests of the opinion map at sizes no real
 * export here reaches. Each group has, per statement, a probability of agreeing (0.15 or 0.85, drawn once); each
 * participant belongs to one group and votes on statements drawn uniformly without repeats (about votes /
 * participants each): pass with probability 0.1, otherwise agree with the group's probability. Seeded.
 *
 * @param input           the votes, as a compact input (participants 0..n-1, statements 0..m-1)
 * @param truth           each participant's planted group
 * @param agreeProbability per planted group and statement
 */
public record PlantedConversation(OpinionInput input, Map<Integer, Integer> truth, double[][] agreeProbability) {

    public static PlantedConversation generate(int n, int m, long total, int groups, long seed) {
        if (n < 1 || m < 1 || groups < 1) throw new IllegalArgumentException("participants, statements and groups must be positive");
        if (total < 0 || total > (long) n * m || total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("votes must be 0 to participants x statements");
        }
        var random = new SplittableRandom(seed);
        double[][] p = new double[groups][m];
        for (int g = 0; g < groups; g++) for (int j = 0; j < m; j++) p[g][j] = random.nextBoolean() ? 0.85 : 0.15;
        int[] start = new int[n + 1];
        int[] col = new int[(int) total];
        byte[] val = new byte[(int) total];
        var truth = new HashMap<Integer, Integer>();
        long base = total / n, extra = total % n;
        int at = 0;
        boolean[] used = new boolean[m];
        for (int i = 0; i < n; i++) {
            int group = random.nextInt(groups);
            truth.put(i, group);
            start[i] = at;
            int count = (int) (base + (i < extra ? 1 : 0));
            int from = at;
            while (at - from < count) {
                int j = random.nextInt(m);
                if (used[j]) continue;
                used[j] = true;
                col[at] = j;
                double r = random.nextDouble();
                val[at++] = (byte) (r < 0.1 ? 0 : random.nextDouble() < p[group][j] ? 1 : -1);
            }
            for (int q = from; q < at; q++) used[col[q]] = false;
        }
        start[n] = at;
        var pids = new ArrayList<Integer>(n);
        for (int i = 0; i < n; i++) pids.add(i);
        var tids = new ArrayList<Integer>(m);
        for (int j = 0; j < m; j++) tids.add(j);
        var input = OpinionInput.compact(pids, tids, new OpinionInput.CompactVotes(start, col, val), Set.of(), Set.of());
        return new PlantedConversation(input, Map.copyOf(truth), p);
    }

    /**
     * {@code count} more votes by existing participants on statements they have not voted on, drawn the same way
     * (agree with their group's probability, otherwise disagree).
     */
    public List<OpinionState.Vote> moreVotes(int count, long seed) {
        var random = new SplittableRandom(seed);
        var c = input.compact();
        int n = input.participants().size(), m = input.statements().size();
        var taken = new HashSet<Long>();
        var out = new ArrayList<OpinionState.Vote>(count);
        int attempts = 0;
        while (out.size() < count) {
            if (++attempts > 100L * count + 1000) throw new IllegalArgumentException("too few unseen cells for " + count + " more votes");
            int i = random.nextInt(n), j = random.nextInt(m);
            boolean seen = !taken.add(((long) i << 32) | j);
            for (int q = c.start()[i]; q < c.start()[i + 1] && !seen; q++) seen = c.col()[q] == j;
            if (seen) continue;
            boolean agree = random.nextDouble() < agreeProbability[truth.get(i)][j];
            out.add(new OpinionState.Vote(i, j, agree ? VoteValue.AGREE : VoteValue.DISAGREE));
        }
        return out;
    }
}
