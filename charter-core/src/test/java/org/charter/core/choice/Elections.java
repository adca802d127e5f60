package org.charter.core.choice;

import java.util.ArrayList;
import java.util.List;

/** Small helpers for tests: profiles from strict orders written as strings of candidate letters or index arrays. */
final class Elections {
    private Elections() { }

    /** Profile over candidates named by {@code letters} from lines like "5 ACBED". */
    static Profile letters(String letters, String... lines) {
        List<String> names = new ArrayList<>();
        for (char c : letters.toCharArray()) names.add(String.valueOf(c));
        List<Ballot> ballots = new ArrayList<>();
        for (String l : lines) {
            String[] parts = l.trim().split("\\s+");
            int[] order = new int[parts[1].length()];
            for (int i = 0; i < order.length; i++) order[i] = letters.indexOf(parts[1].charAt(i));
            ballots.add(Ballot.linear(order, Long.parseLong(parts[0])));
        }
        return new Profile(names, ballots);
    }

    static OrdinalElection election(Profile p) {
        return OrdinalElection.of(p, Truncation.INCOMPARABLE);
    }

    static List<Integer> winners(String rule, Profile p) {
        return Rules.get(rule).apply(election(p)).winners();
    }
}
