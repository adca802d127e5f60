package org.charter.server.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.charter.core.assembly.AssemblySnapshot;
import org.charter.core.assembly.Statement;
import org.charter.core.governance.Ratification;
import org.charter.core.opinion.OpinionMap;

/**
 * What the report page shows, computed once from an assembly's snapshot and opinion map: groups with their
 * representative statements, consensus, divisive and uncertain statements, group stability, constitution candidates,
 * the participants' positions for the map, and each statement's votes per group (what every number links to).
 */
public record ReportView(long assemblyId, String topic, int participants, int clustered, List<GroupView> groups, List<Row> consensusAgree,
                         List<Row> consensusDisagree, List<Divisive> divisive, List<Uncertain> uncertain, StabilityView stability,
                         List<Candidate> candidates, List<Point> points, Map<Integer, StatementVotes> votes) {

    /** A group: its label (A, B, ...), size, members and representative statements. */
    public record GroupView(int id, String label, int size, List<Integer> members, List<Row> representative, String meanConfidence) { }

    /**
     * A statement with one statistic: {@code share} agreeing (or disagreeing) of {@code trials} voters, with the
     * strength of the statistic ({@code score}, e.g. repness) already formatted, and whether it is about agreement.
     */
    public record Row(int tid, String text, long success, long trials, String share, String score, boolean agree) { }

    /** A divisive statement: each group's share of agreement, and the spread between the highest and lowest. */
    public record Divisive(int tid, String text, Map<String, String> agreeByGroup, String spread) { }

    public record Uncertain(int tid, String text, int passes, int seen, String passRate) { }

    /** Group stability: bootstrap resamples, seed, mean adjusted Rand index, and each participant's assignment confidence. */
    public record StabilityView(int resamples, long seed, String meanAdjustedRand, Map<Integer, String> confidence) { }

    /** An OSCCAI constitution candidate with its score, threshold and each group's smoothed support. */
    public record Candidate(int tid, String text, String score, String threshold, Map<String, String> supportByGroup) { }

    /** A participant on the map: position in the PCA plane and group label ("" when not in a group). */
    public record Point(int pid, double x, double y, String group, int groupIndex) { }

    /** A statement's votes: per group label and over everyone. */
    public record StatementVotes(int tid, String text, Map<String, Ratification.Tally> byGroup, Ratification.Tally overall) { }

    static String label(int index) {
        return index < 26 ? String.valueOf((char) ('A' + index)) : "G" + (index + 1);
    }

    static String f(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }

    static String pct(double d) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * d);
    }

    /** The report of an assembly; {@code map} may be absent (too few votes), and the report then has only the votes. */
    public static ReportView of(long assemblyId, AssemblySnapshot snapshot, OpinionMap map) {
        Map<Integer, String> texts = new TreeMap<>();
        for (Statement s : snapshot.statements()) texts.put(s.tid(), s.text());
        Map<Integer, Integer> groupOf = new TreeMap<>();
        Map<Integer, String> labelOf = new TreeMap<>();
        List<GroupView> groups = new ArrayList<>();
        if (map != null) {
            for (int i = 0; i < map.groups().size(); i++) {
                OpinionMap.Group g = map.groups().get(i);
                labelOf.put(g.id(), label(i));
                for (int pid : g.members()) groupOf.put(pid, g.id());
            }
        }
        Map<Integer, String> eligible = new TreeMap<>();
        for (Statement s : snapshot.statements()) eligible.put(s.tid(), s.text());
        Ratification.Tallies t = Ratification.tallies(new Ratification.Input("report", eligible, groupOf, snapshot.matrix()));
        Map<Integer, StatementVotes> votes = new TreeMap<>();
        for (int tid : eligible.keySet()) {
            Map<String, Ratification.Tally> byLabel = new TreeMap<>();
            t.byGroup().get(tid).forEach((g, tally) -> byLabel.put(g.equals("all") ? "all" : labelOf.get(Integer.valueOf(g)), tally));
            votes.put(tid, new StatementVotes(tid, texts.get(tid), byLabel, t.overall().get(tid)));
        }
        if (map == null) {
            return new ReportView(assemblyId, snapshot.topic(), snapshot.matrix().participants().size(), 0, List.of(), List.of(), List.of(), List.of(),
                    List.of(), null, List.of(), List.of(), votes);
        }
        Map<Integer, Double> conf = map.stability() == null ? Map.of() : map.stability().assignmentConfidence();
        for (int i = 0; i < map.groups().size(); i++) {
            OpinionMap.Group g = map.groups().get(i);
            List<Row> rep = new ArrayList<>();
            for (OpinionMap.Repness r : map.repness().getOrDefault(g.id(), List.of())) {
                rep.add(new Row(r.tid(), texts.get(r.tid()), r.nSuccess(), r.nTrials(), pct(r.pSuccess()), f(r.repness()), "agree".equals(r.repfulFor())));
            }
            double mean = g.members().stream().filter(conf::containsKey).mapToDouble(conf::get).average().orElse(Double.NaN);
            groups.add(new GroupView(g.id(), label(i), g.members().size(), g.members(), rep, Double.isNaN(mean) ? "" : pct(mean)));
        }
        List<Row> agree = new ArrayList<>(), disagree = new ArrayList<>();
        if (map.consensus() != null) {
            for (var c : map.consensus().agree()) agree.add(new Row(c.tid(), texts.get(c.tid()), c.nSuccess(), c.nTrials(), pct(c.pSuccess()), f(c.pTest()), true));
            for (var c : map.consensus().disagree()) disagree.add(new Row(c.tid(), texts.get(c.tid()), c.nSuccess(), c.nTrials(), pct(c.pSuccess()), f(c.pTest()), false));
        }
        List<Divisive> divisive = new ArrayList<>();
        Map<Integer, Double> spreadOf = new TreeMap<>();
        if (groups.size() >= 2) {
            for (var e : votes.entrySet()) {
                double lo = 1, hi = 0;
                Map<String, String> shares = new TreeMap<>();
                boolean every = true;
                for (var g : e.getValue().byGroup().entrySet()) {
                    if (g.getValue().votes() == 0) {
                        every = false;
                        continue;
                    }
                    double s = g.getValue().agreeShare().doubleValue();
                    shares.put(g.getKey(), pct(s));
                    lo = Math.min(lo, s);
                    hi = Math.max(hi, s);
                }
                if (every && hi - lo >= 0.5) {
                    divisive.add(new Divisive(e.getKey(), texts.get(e.getKey()), shares, pct(hi - lo)));
                    spreadOf.put(e.getKey(), hi - lo);
                }
            }
            divisive.sort(Comparator.comparing((Divisive d) -> spreadOf.get(d.tid())).reversed().thenComparingInt(Divisive::tid));
            if (divisive.size() > 5) divisive = new ArrayList<>(divisive.subList(0, 5));
        }
        List<Uncertain> uncertain = new ArrayList<>();
        for (var u : map.uncertain()) uncertain.add(new Uncertain(u.tid(), texts.get(u.tid()), u.passes(), u.seen(), pct(u.passRate())));
        StabilityView stability = null;
        if (map.stability() != null) {
            Map<Integer, String> c = new TreeMap<>();
            conf.forEach((pid, v) -> c.put(pid, pct(v)));
            stability = new StabilityView(map.stability().resamples(), map.stability().seed(), f(map.stability().meanAdjustedRand()), c);
        }
        List<Candidate> candidates = new ArrayList<>();
        for (var c : map.constitution()) {
            Map<String, String> s = new TreeMap<>();
            c.supportByGroup().forEach((g, v) -> s.put(labelOf.getOrDefault(g, String.valueOf(g)), pct(v)));
            candidates.add(new Candidate(c.tid(), texts.get(c.tid()), f(c.score()), f(c.threshold()), s));
        }
        List<Point> points = new ArrayList<>();
        map.pca().participantProjection().forEach((pid, xy) -> {
            Integer g = groupOf.get(pid);
            int index = g == null ? -1 : map.groups().indexOf(map.groups().stream().filter(x -> x.id() == g).findFirst().orElseThrow());
            points.add(new Point(pid, xy[0], xy.length > 1 ? xy[1] : 0, g == null ? "" : labelOf.get(g), index));
        });
        points.sort(Comparator.comparingInt(Point::pid));
        return new ReportView(assemblyId, snapshot.topic(), snapshot.matrix().participants().size(), map.inConv().size(), groups, agree, disagree,
                divisive, uncertain, stability, candidates, points, votes);
    }
}
