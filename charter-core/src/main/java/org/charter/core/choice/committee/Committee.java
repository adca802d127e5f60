package org.charter.core.choice.committee;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** A committee: a set of candidate numbers, kept sorted ascending; committees compare lexicographically. */
public record Committee(List<Integer> members) implements Comparable<Committee> {
    public Committee {
        var sorted = new ArrayList<>(members);
        sorted.sort(null);
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).equals(sorted.get(i - 1))) throw new IllegalArgumentException("candidate " + sorted.get(i) + " twice in a committee");
        }
        if (!sorted.isEmpty() && sorted.get(0) < 0) throw new IllegalArgumentException("negative candidate number " + sorted.get(0));
        members = List.copyOf(sorted);
    }

    public static Committee of(int... members) {
        return new Committee(Arrays.stream(members).boxed().toList());
    }

    public static Committee of(Collection<Integer> members) {
        return new Committee(List.copyOf(members));
    }

    public int size() { return members.size(); }

    public boolean contains(int candidate) { return members.contains(candidate); }

    public int[] toArray() { return members.stream().mapToInt(Integer::intValue).toArray(); }

    /** The members' names in the given profile. */
    public List<String> names(ApprovalProfile profile) {
        return members.stream().map(profile::name).toList();
    }

    @Override
    public int compareTo(Committee o) {
        for (int i = 0; i < Math.min(size(), o.size()); i++) {
            int c = Integer.compare(members.get(i), o.members.get(i));
            if (c != 0) return c;
        }
        return Integer.compare(size(), o.size());
    }

    @Override
    public String toString() { return members.toString(); }
}
