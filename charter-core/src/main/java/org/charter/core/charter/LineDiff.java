package org.charter.core.charter;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff: the shortest edit script between two texts' lines by longest common subsequence, after taking off
 * the common first and last lines. Lines are {@code " "} kept, {@code "-"} removed, {@code "+"} added.
 */
public final class LineDiff {
    /*
     * [1] J. W. Hunt, M. D. McIlroy. "An Algorithm for Differential File Comparison." Bell Laboratories CSTR 41, 1976.
     */
    private LineDiff() { }

    /** One line of the diff. */
    public record Line(char op, String text) {
        @Override
        public String toString() {
            return op + text;
        }
    }

    /** Every line of both texts, marked kept, removed or added. */
    public static List<Line> diff(String before, String after) {
        List<String> a = before.isEmpty() ? List.of() : List.of(before.split("\n", -1));
        List<String> b = after.isEmpty() ? List.of() : List.of(after.split("\n", -1));
        int pre = 0;
        while (pre < a.size() && pre < b.size() && a.get(pre).equals(b.get(pre))) pre++;
        int suf = 0;
        while (suf < a.size() - pre && suf < b.size() - pre && a.get(a.size() - 1 - suf).equals(b.get(b.size() - 1 - suf))) suf++;
        int n = a.size() - pre - suf, m = b.size() - pre - suf;
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(pre + i).equals(b.get(pre + j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Line> out = new ArrayList<>();
        for (int k = 0; k < pre; k++) out.add(new Line(' ', a.get(k)));
        int i = 0, j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(pre + i).equals(b.get(pre + j))) {
                out.add(new Line(' ', a.get(pre + i)));
                i++;
                j++;
            } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
                out.add(new Line('+', b.get(pre + j++)));
            } else {
                out.add(new Line('-', a.get(pre + i++)));
            }
        }
        for (int k = a.size() - suf; k < a.size(); k++) out.add(new Line(' ', a.get(k)));
        return out;
    }

    /** Only the changed lines, in order. */
    public static List<Line> changes(String before, String after) {
        return diff(before, after).stream().filter(l -> l.op() != ' ').toList();
    }
}
