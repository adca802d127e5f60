package org.charter.core.opinion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.charter.core.opinion.OpinionMap.Group;
import org.charter.core.opinion.OpinionMap.GroupChoice;
import org.charter.core.opinion.OpinionMap.Stability;

/**
 * Polis's two-level clustering of participants' positions: k-means with up to 100 base clusters, then weighted
 * k-means of the base clusters' centres into 2 to 5 groups, the number chosen by the mean silhouette of the base
 * centres. Unlike Polis, which adopts a new number of groups only after it wins several updates in a row, the
 * choice here depends on the current votes alone, and the silhouette of every k is reported.
 */
record Clusters(List<Integer> baseOf, List<double[]> baseCenters, List<Group> groups, GroupChoice choice,
                Map<Integer, Integer> groupOf, int[] baseAssignment, int[] groupOfBase) {

    /**
     * Polis's subgroups: within each group, the same choice again over the group's own base clusters (weighted
     * k-means of their centres, k from 2 to min(5, 2 + base clusters / 12), by silhouette). A group with fewer
     * than two base clusters does not divide.
     */
    Map<Integer, List<Group>> subgroups(double[][] points, List<Integer> pids) {
        var out = new TreeMap<Integer, List<Group>>();
        if (baseAssignment.length == 0) return out;
        for (Group g : groups) {
            var bases = new ArrayList<Integer>();
            for (int b = 0; b < groupOfBase.length; b++) if (groupOfBase[b] == g.id()) bases.add(b);
            if (bases.size() < 2) continue;
            double[][] centers = new double[bases.size()][];
            double[] weights = new double[bases.size()];
            var local = new HashMap<Integer, Integer>();
            for (int q = 0; q < bases.size(); q++) {
                centers[q] = baseCenters.get(bases.get(q));
                local.put(bases.get(q), q);
            }
            for (int a : baseAssignment) if (local.containsKey(a)) weights[local.get(a)]++;
            KMeans.Result best = null;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int k = 2; k <= Math.min(Math.min(OpinionEngine.MAX_GROUPS, 2 + bases.size() / 12), bases.size()); k++) {
                KMeans.Result r = KMeans.cluster(centers, weights, k, null, 20, 1e-9);
                double score = KMeans.silhouette(centers, r.assignment(), r.k());
                if (r.k() >= 2 && score > bestScore) {
                    bestScore = score;
                    best = r;
                }
            }
            if (best == null) continue;
            var members = new TreeMap<Integer, List<Integer>>();
            for (int r = 0; r < points.length; r++) {
                Integer q = local.get(baseAssignment[r]);
                if (q != null) members.computeIfAbsent(best.assignment()[q], x -> new ArrayList<>()).add(pids.get(r));
            }
            var list = new ArrayList<Group>();
            double[][] subCenters = best.centers();
            members.forEach((sg, ms) -> list.add(new Group(sg, ms.stream().sorted().toList(), subCenters[sg])));
            out.put(g.id(), list);
        }
        return out;
    }

    static Clusters of(double[][] points, List<Integer> pids, OpinionOptions options, OpinionInput input, boolean bounded) {
        if (options.givenGroups() != null) return given(points, pids, options.givenGroups(), input);
        int distinct = KMeans.distinctCount(points);
        if (points.length < 2 || distinct < 2) {
            return none(pids, "too few participants to cluster (" + points.length + " clustered, " + distinct + " distinct positions)");
        }
        double[][] previousBase = options.previous() == null || options.previous().baseCenters().isEmpty() ? null
                : options.previous().baseCenters().toArray(new double[0][]);
        // An update starts from the previous base clusters; for a large conversation it does bounded work.
        KMeans.Result base = KMeans.cluster(points, null, Math.min(OpinionEngine.BASE_CLUSTERS, distinct),
                previousBase, bounded ? OpinionEngine.UPDATE_KMEANS_ITERATIONS : 100, 0.01);
        return ofBase(points, pids, base, options);
    }

    /** Groups over base clusters already found (ids carried over from the options' previous map, if any). */
    static Clusters ofBase(double[][] points, List<Integer> pids, KMeans.Result base, OpinionOptions options) {
        Clusters fresh = groupsOf(points, pids, base, options.groups());
        return options.previous() == null ? fresh : fresh.relabelledLike(options.previous().groups());
    }

    /**
     * The same clustering with group ids taken over from a previous map where the groups overlap (largest overlaps
     * first), so that an update does not rename "group 0" to "group 1"; new groups take the next free ids.
     */
    Clusters relabelledLike(List<Group> previous) {
        if (previous.isEmpty() || groups.isEmpty()) return this;
        var before = new HashMap<Integer, Integer>();
        previous.forEach(g -> g.members().forEach(pid -> before.put(pid, g.id())));
        record Overlap(int now, int then, int count) { }
        var overlaps = new ArrayList<Overlap>();
        for (Group g : groups) {
            var counts = new HashMap<Integer, Integer>();
            for (int pid : g.members()) if (before.containsKey(pid)) counts.merge(before.get(pid), 1, Integer::sum);
            counts.forEach((then, count) -> overlaps.add(new Overlap(g.id(), then, count)));
        }
        overlaps.sort(java.util.Comparator.comparingInt(Overlap::count).reversed().thenComparingInt(Overlap::now).thenComparingInt(Overlap::then));
        var newId = new HashMap<Integer, Integer>();
        var taken = new java.util.HashSet<Integer>();
        for (Overlap o : overlaps) {
            if (newId.containsKey(o.now()) || taken.contains(o.then())) continue;
            newId.put(o.now(), o.then());
            taken.add(o.then());
        }
        int next = 0;
        for (Group g : groups) {
            if (newId.containsKey(g.id())) continue;
            while (taken.contains(next)) next++;
            newId.put(g.id(), next);
            taken.add(next);
        }
        var relabelled = new ArrayList<Group>();
        for (Group g : groups) relabelled.add(new Group(newId.get(g.id()), g.members(), g.center()));
        relabelled.sort(java.util.Comparator.comparingInt(Group::id));
        var groupOfNow = new HashMap<Integer, Integer>();
        groupOf.forEach((pid, g) -> groupOfNow.put(pid, newId.get(g)));
        int[] base = groupOfBase.clone();
        for (int b = 0; b < base.length; b++) base[b] = newId.getOrDefault(base[b], base[b]);
        return new Clusters(baseOf, baseCenters, relabelled, choice, groupOfNow, baseAssignment, base);
    }

    private static Clusters groupsOf(double[][] points, List<Integer> pids, KMeans.Result base, Integer forcedK) {
        int nBase = base.k();
        double[] weights = new double[nBase];
        for (int a : base.assignment()) weights[a]++;
        double[][] centers = base.centers();
        int maxK = Math.min(OpinionEngine.MAX_GROUPS, 2 + nBase / 12);
        var silhouettes = new TreeMap<Integer, Double>();
        KMeans.Result chosen = null;
        int chosenK = 0;
        String reason;
        if (forcedK != null) {
            chosen = KMeans.cluster(centers, weights, Math.min(forcedK, nBase), null, 20, 1e-9);
            chosenK = chosen.k();
            silhouettes.put(chosenK, KMeans.silhouette(centers, chosen.assignment(), chosenK));
            reason = chosenK == forcedK ? "given k" : "given k " + forcedK + ", but only " + chosenK + " distinct base clusters";
        } else {
            double best = Double.NEGATIVE_INFINITY;
            for (int k = 2; k <= Math.min(maxK, nBase); k++) {
                KMeans.Result r = KMeans.cluster(centers, weights, k, null, 20, 1e-9);
                double s = KMeans.silhouette(centers, r.assignment(), r.k());
                silhouettes.put(k, s);
                if (s > best) {
                    best = s;
                    chosen = r;
                    chosenK = r.k();
                }
            }
            if (chosen == null) return none(pids, "a single base cluster: no division to show");
            reason = "highest mean silhouette of the base-cluster centres";
        }
        int[] groupOfBase = chosen.assignment();
        var members = new TreeMap<Integer, List<Integer>>();
        var groupOf = new HashMap<Integer, Integer>();
        var baseOf = new ArrayList<Integer>();
        for (int r = 0; r < points.length; r++) {
            int b = base.assignment()[r];
            int g = groupOfBase[b];
            baseOf.add(b);
            members.computeIfAbsent(g, x -> new ArrayList<>()).add(pids.get(r));
            groupOf.put(pids.get(r), g);
        }
        var groups = new ArrayList<Group>();
        double[][] groupCenters = chosen.centers();
        members.forEach((g, ms) -> groups.add(new Group(g, ms.stream().sorted().toList(), groupCenters[g])));
        return new Clusters(baseOf, Arrays.asList(centers), groups, new GroupChoice(silhouettes, groups.size(), reason),
                groupOf, base.assignment(), groupOfBase);
    }

    private static Clusters given(double[][] points, List<Integer> pids, Map<Integer, Integer> given, OpinionInput input) {
        var members = new TreeMap<Integer, List<Integer>>();
        var groupOf = new HashMap<Integer, Integer>();
        var participants = new java.util.HashSet<>(input.participants());
        given.forEach((pid, g) -> {
            if (participants.contains(pid)) {
                members.computeIfAbsent(g, x -> new ArrayList<>()).add(pid);
                groupOf.put(pid, g);
            }
        });
        var index = new HashMap<Integer, Integer>();
        for (int r = 0; r < pids.size(); r++) index.put(pids.get(r), r);
        var groups = new ArrayList<Group>();
        members.forEach((g, ms) -> {
            double[] center = new double[2];
            int count = 0;
            for (int pid : ms) {
                Integer r = index.get(pid);
                if (r == null) continue;
                for (int c = 0; c < Math.min(2, points[r].length); c++) center[c] += points[r][c];
                count++;
            }
            if (count > 0) for (int c = 0; c < 2; c++) center[c] /= count;
            groups.add(new Group(g, ms.stream().sorted().toList(), center));
        });
        return new Clusters(List.of(), List.of(), groups, new GroupChoice(Map.of(), groups.size(), "given"), groupOf, new int[0], new int[0]);
    }

    private static Clusters none(List<Integer> pids, String reason) {
        return new Clusters(List.of(), List.of(), List.of(), new GroupChoice(Map.of(), 0, reason), Map.of(), new int[0], new int[0]);
    }

    /**
     * Bootstrap over participants: cluster each resample with the chosen number of groups, label every clustered
     * participant by the nearest resample group, and compare with the map's groups (adjusted Rand index; per
     * participant, agreement after matching resample groups to the map's groups by best overlap).
     */
    static Stability stability(double[][] points, List<Integer> pids, Clusters clusters, OpinionOptions options, OpinionInput input) {
        int n = points.length, k = clusters.groups().size();
        SplittableRandom random = OpinionEngine.random(options.seed());
        var original = clusters.groupOf();
        int[] originalLabel = new int[n];
        for (int r = 0; r < n; r++) originalLabel[r] = original.get(pids.get(r));
        double ariSum = 0;
        int[] agreeing = new int[n];
        int resamples = options.bootstrap();
        for (int b = 0; b < resamples; b++) {
            double[][] sample = new double[n][];
            for (int r = 0; r < n; r++) sample[r] = points[random.nextInt(n)];
            int distinct = KMeans.distinctCount(sample);
            KMeans.Result base = KMeans.cluster(sample, null, Math.min(OpinionEngine.BASE_CLUSTERS, distinct), null, 100, 0.01);
            double[] weights = new double[base.k()];
            for (int a : base.assignment()) weights[a]++;
            KMeans.Result groups = KMeans.cluster(base.centers(), weights, Math.min(k, base.k()), null, 20, 1e-9);
            int[] label = new int[n];
            KMeans.assign(points, groups.centers(), label);
            var a = new HashMap<Integer, Integer>();
            var c = new HashMap<Integer, Integer>();
            for (int r = 0; r < n; r++) {
                a.put(r, originalLabel[r]);
                c.put(r, label[r]);
            }
            ariSum += AdjustedRand.index(a, c);
            int[] match = bestMatch(originalLabel, label, k, groups.k());
            for (int r = 0; r < n; r++) if (match[label[r]] == originalLabel[r]) agreeing[r]++;
        }
        var confidence = new TreeMap<Integer, Double>();
        for (int r = 0; r < n; r++) confidence.put(pids.get(r), (double) agreeing[r] / resamples);
        return new Stability(resamples, options.seed(), ariSum / resamples, confidence);
    }

    /** For each resample label, the map group it overlaps most (greedy by largest overlap, one to one where possible). */
    private static int[] bestMatch(int[] original, int[] label, int k, int kSample) {
        int groupsOriginal = 0;
        for (int o : original) groupsOriginal = Math.max(groupsOriginal, o + 1);
        long[][] overlap = new long[kSample][Math.max(groupsOriginal, k)];
        for (int r = 0; r < original.length; r++) overlap[label[r]][original[r]]++;
        int[] match = new int[kSample];
        Arrays.fill(match, -1);
        boolean[] used = new boolean[overlap[0].length];
        for (int step = 0; step < kSample; step++) {
            long best = -1;
            int bi = -1, bj = -1;
            for (int i = 0; i < kSample; i++) {
                if (match[i] >= 0) continue;
                for (int j = 0; j < overlap[i].length; j++) {
                    if (!used[j] && overlap[i][j] > best) {
                        best = overlap[i][j];
                        bi = i;
                        bj = j;
                    }
                }
            }
            if (bi < 0) break;
            match[bi] = bj;
            used[bj] = true;
        }
        return match;
    }
}
