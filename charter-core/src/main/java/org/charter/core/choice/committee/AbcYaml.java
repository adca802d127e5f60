package org.charter.core.choice.committee;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.charter.core.math.Rational;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads abcvoting's {@code .abc.yaml} instances: {@code profile} (approval sets of 0-based candidates),
 * {@code num_cand}, {@code committeesize}, optional {@code voter_weights}, and optional
 * {@code compute: [{rule_id, resolute, result}]} with the expected committees. Other keys (description,
 * algorithm, ...) are ignored.
 */
public final class AbcYaml {
    private AbcYaml() { }

    /** One expected computation listed in the file; {@code result} is empty when the file gives none. */
    public record Compute(String ruleId, Optional<Boolean> resolute, Optional<List<Committee>> result) { }

    /** A read instance. */
    public record Instance(ApprovalProfile profile, int committeeSize, List<Compute> compute) {
        public Instance { compute = List.copyOf(compute); }
    }

    public static Instance read(Reader in, String fileName) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new ProfileFormatException(fileName + ": not valid YAML: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) throw new ProfileFormatException(fileName + ": expected a YAML mapping with 'profile', 'num_cand' and 'committeesize'");
        int m = intField(root, "num_cand", fileName);
        if (m < 1) throw new ProfileFormatException(fileName + ": field 'num_cand' must be at least 1, is " + m);
        int k = intField(root, "committeesize", fileName);
        JsonNode prof = root.get("profile");
        if (prof == null || !prof.isArray()) throw new ProfileFormatException(fileName + ": field 'profile' is missing or not a list of approval sets");
        var approvals = new ArrayList<List<Integer>>();
        for (int v = 0; v < prof.size(); v++) {
            JsonNode set = prof.get(v);
            if (!set.isArray()) throw new ProfileFormatException(fileName + ": field 'profile[" + v + "]' is not a list of candidates");
            var list = new ArrayList<Integer>();
            for (int j = 0; j < set.size(); j++) {
                JsonNode c = set.get(j);
                if (!c.isInt() || c.asInt() < 0 || c.asInt() >= m) {
                    throw new ProfileFormatException(fileName + ": field 'profile[" + v + "][" + j + "]' is " + c + ", not a candidate 0.." + (m - 1));
                }
                if (list.contains(c.asInt())) throw new ProfileFormatException(fileName + ": field 'profile[" + v + "]' lists candidate " + c.asInt() + " twice");
                list.add(c.asInt());
            }
            approvals.add(list);
        }
        List<Rational> weights = null;
        JsonNode wn = root.get("voter_weights");
        if (wn != null && !wn.isNull()) {
            if (!wn.isArray() || wn.size() != approvals.size()) {
                throw new ProfileFormatException(fileName + ": field 'voter_weights' must be a list of " + approvals.size() + " positive numbers");
            }
            weights = new ArrayList<>();
            for (int v = 0; v < wn.size(); v++) {
                Rational w;
                try {
                    w = Rational.parse(wn.get(v).asText());
                } catch (NumberFormatException e) {
                    throw new ProfileFormatException(fileName + ": field 'voter_weights[" + v + "]' is not a number: " + wn.get(v));
                }
                if (w.signum() <= 0) throw new ProfileFormatException(fileName + ": field 'voter_weights[" + v + "]' must be positive, is " + w);
                weights.add(w);
            }
        }
        ApprovalProfile profile;
        try {
            profile = new ApprovalProfile(ApprovalProfile.numberNames(m), approvals, weights);
        } catch (IllegalArgumentException e) {
            throw new ProfileFormatException(fileName + ": field 'profile': " + e.getMessage());
        }
        if (k < 1 || k > m) throw new ProfileFormatException(fileName + ": field 'committeesize' must be between 1 and num_cand (" + m + "), is " + k);
        var compute = new ArrayList<Compute>();
        JsonNode cn = root.get("compute");
        if (cn != null && !cn.isNull()) {
            if (!cn.isArray()) throw new ProfileFormatException(fileName + ": field 'compute' is not a list");
            for (int i = 0; i < cn.size(); i++) {
                JsonNode e = cn.get(i);
                String where = "compute[" + i + "]";
                JsonNode id = e.get("rule_id");
                if (id == null || !id.isTextual()) throw new ProfileFormatException(fileName + ": field '" + where + ".rule_id' is missing");
                JsonNode res = e.get("resolute");
                Optional<Boolean> resolute = Optional.empty();
                if (res != null && !res.isNull()) {
                    if (!res.isBoolean()) throw new ProfileFormatException(fileName + ": field '" + where + ".resolute' must be true or false");
                    resolute = Optional.of(res.asBoolean());
                }
                Optional<List<Committee>> result = Optional.empty();
                JsonNode rn = e.get("result");
                if (rn != null && !rn.isNull()) {
                    if (!rn.isArray()) throw new ProfileFormatException(fileName + ": field '" + where + ".result' is not a list of committees");
                    var committees = new ArrayList<Committee>();
                    for (int j = 0; j < rn.size(); j++) {
                        JsonNode cm = rn.get(j);
                        if (!cm.isArray()) throw new ProfileFormatException(fileName + ": field '" + where + ".result[" + j + "]' is not a committee");
                        var mem = new ArrayList<Integer>();
                        for (JsonNode c : cm) {
                            if (!c.isInt() || c.asInt() < 0 || c.asInt() >= m) {
                                throw new ProfileFormatException(fileName + ": field '" + where + ".result[" + j + "]' holds " + c + ", not a candidate");
                            }
                            mem.add(c.asInt());
                        }
                        committees.add(Committee.of(mem));
                    }
                    result = Optional.of(List.copyOf(committees));
                }
                compute.add(new Compute(id.asText(), resolute, result));
            }
        }
        return new Instance(profile, k, compute);
    }

    private static int intField(JsonNode root, String field, String fileName) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) throw new ProfileFormatException(fileName + ": field '" + field + "' is missing");
        if (!n.isInt()) throw new ProfileFormatException(fileName + ": field '" + field + "' must be an integer, is " + n);
        return n.asInt();
    }

    static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
