package org.charter.core.opinion;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The opinion map as JSON, in the documented shape that `charter opinion --json` prints and the API serves (ids as
 * in the input; maps keyed by tid or group id as strings), plus what a later run needs to warm-start: the
 * statements of the PCA columns and the base-cluster centres. {@link #warmStart} reads that part back.
 */
public final class OpinionJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpinionJson() { }

    public static ObjectNode toJson(OpinionMap map) {
        ObjectNode root = JSON.createObjectNode();
        root.put("participants", map.participants());
        root.put("comments", map.comments());
        ints(root.putArray("inConv"), map.inConv());

        ObjectNode pca = root.putObject("pca");
        ints(pca.putArray("statements"), map.pca().statements());
        doubles(pca.putArray("center"), map.pca().center());
        ArrayNode comps = pca.putArray("components");
        for (double[] c : map.pca().components()) doubles(comps.addArray(), c);
        ObjectNode proj = pca.putObject("commentProjection");
        map.pca().commentProjection().forEach((tid, p) -> doubles(proj.putArray(tid.toString()), p));
        ObjectNode ext = pca.putObject("commentExtremity");
        map.pca().commentExtremity().forEach((tid, e) -> ext.put(tid.toString(), e));
        pca.put("iterations", map.pca().iterations());
        pca.put("lastChange", map.pca().lastChange());
        ObjectNode pp = pca.putObject("participantProjection");
        map.pca().participantProjection().forEach((pid, p) -> doubles(pp.putArray(pid.toString()), p));

        ArrayNode groups = root.putArray("groups");
        for (OpinionMap.Group g : map.groups()) {
            ObjectNode o = groups.addObject();
            o.put("id", g.id());
            ints(o.putArray("members"), g.members());
            doubles(o.putArray("center"), g.center());
        }
        ObjectNode subgroups = root.putObject("subgroups");
        map.subgroups().forEach((g, list) -> {
            ArrayNode a = subgroups.putArray(g.toString());
            for (OpinionMap.Group sg : list) {
                ObjectNode o = a.addObject();
                o.put("id", sg.id());
                ints(o.putArray("members"), sg.members());
                doubles(o.putArray("center"), sg.center());
            }
        });
        ObjectNode choice = root.putObject("groupChoice");
        choice.put("chosen", map.groupChoice().chosen());
        choice.put("reason", map.groupChoice().reason());
        ObjectNode sil = choice.putObject("silhouetteByK");
        map.groupChoice().silhouetteByK().forEach((k, s) -> sil.put(k.toString(), s));
        ArrayNode base = root.putArray("baseCenters");
        for (double[] c : map.baseCenters()) doubles(base.addArray(), c);

        ObjectNode repness = root.putObject("repness");
        map.repness().forEach((g, list) -> {
            ArrayNode a = repness.putArray(g.toString());
            for (OpinionMap.Repness r : list) {
                ObjectNode o = a.addObject();
                o.put("tid", r.tid());
                o.put("repfulFor", r.repfulFor());
                o.put("repness", r.repness());
                o.put("repnessTest", r.repnessTest());
                o.put("pSuccess", r.pSuccess());
                o.put("pTest", r.pTest());
                o.put("nSuccess", r.nSuccess());
                o.put("nTrials", r.nTrials());
                if (r.bestAgree()) o.put("bestAgree", true);
            }
        });
        ObjectNode consensus = root.putObject("consensus");
        consensus(consensus.putArray("agree"), map.consensus().agree());
        consensus(consensus.putArray("disagree"), map.consensus().disagree());
        ObjectNode gac = root.putObject("groupAwareConsensus");
        map.groupAwareConsensus().forEach((tid, v) -> gac.put(tid.toString(), v));
        ArrayNode uncertain = root.putArray("uncertain");
        for (OpinionMap.Uncertain u : map.uncertain()) {
            uncertain.addObject().put("tid", u.tid()).put("passes", u.passes()).put("seen", u.seen()).put("passRate", u.passRate());
        }
        ObjectNode priorities = root.putObject("priorities");
        map.priorities().forEach((tid, v) -> priorities.put(tid.toString(), v));
        if (map.stability() == null) {
            root.putNull("stability");
        } else {
            ObjectNode st = root.putObject("stability");
            st.put("resamples", map.stability().resamples());
            st.put("seed", map.stability().seed());
            st.put("meanAdjustedRand", map.stability().meanAdjustedRand());
            ObjectNode conf = st.putObject("assignmentConfidence");
            map.stability().assignmentConfidence().forEach((pid, c) -> conf.put(pid.toString(), c));
        }
        ArrayNode constitution = root.putArray("constitution");
        for (OpinionMap.ConstitutionCandidate c : map.constitution()) {
            ObjectNode o = constitution.addObject();
            o.put("tid", c.tid());
            o.put("score", c.score());
            o.put("threshold", c.threshold());
            ObjectNode s = o.putObject("supportByGroup");
            c.supportByGroup().forEach((g, v) -> s.put(g.toString(), v));
        }
        return root;
    }

    private static void consensus(ArrayNode a, List<OpinionMap.ConsensusStatement> list) {
        for (OpinionMap.ConsensusStatement c : list) {
            a.addObject().put("tid", c.tid()).put("pSuccess", c.pSuccess()).put("pTest", c.pTest())
                    .put("nSuccess", c.nSuccess()).put("nTrials", c.nTrials());
        }
    }

    /**
     * The part of a saved map a new computation starts from: who was clustered, the PCA columns and components, the
     * base-cluster centres and the groups (whose ids an update keeps). Other fields are left empty.
     */
    public static OpinionMap warmStart(JsonNode json) {
        List<Integer> inConv = intList(json.path("inConv"));
        List<Integer> statements = intList(json.path("pca").path("statements"));
        var comps = new ArrayList<double[]>();
        json.path("pca").path("components").forEach(c -> comps.add(doubleArray(c)));
        var base = new ArrayList<double[]>();
        json.path("baseCenters").forEach(c -> base.add(doubleArray(c)));
        var pca = new OpinionMap.PcaView(statements, doubleArray(json.path("pca").path("center")), comps.toArray(new double[0][]),
                Map.of(), Map.of(), Map.of(), json.path("pca").path("iterations").asInt(), json.path("pca").path("lastChange").asDouble());
        var groups = new ArrayList<OpinionMap.Group>();
        json.path("groups").forEach(g -> groups.add(new OpinionMap.Group(g.path("id").asInt(), intList(g.path("members")),
                doubleArray(g.path("center")))));
        return new OpinionMap(json.path("participants").asInt(), json.path("comments").asInt(), inConv, pca, List.of(), base,
                groups, new OpinionMap.GroupChoice(Map.of(), groups.size(), "saved"), Map.of(), Map.of(),
                new OpinionMap.Consensus(List.of(), List.of()), Map.of(), List.of(), Map.of(), null, List.of());
    }

    private static void ints(ArrayNode a, List<Integer> values) {
        values.forEach(a::add);
    }

    private static void doubles(ArrayNode a, double[] values) {
        for (double v : values) a.add(v);
    }

    private static List<Integer> intList(JsonNode a) {
        var out = new ArrayList<Integer>();
        a.forEach(n -> out.add(n.asInt()));
        return out;
    }

    private static double[] doubleArray(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = a.get(i).asDouble();
        return out;
    }

}
