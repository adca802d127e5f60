package org.charter.core.choice.committee;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

import org.charter.core.math.Rational;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Charter's JSON form of an approval profile:
 * <pre>{"candidates": ["a", "b", "c"], "approvals": [[0, 1], [2], []], "weights": [1, 2, "1/3"]}</pre>
 * {@code candidates} names the candidates (or is a number: how many, named by their numbers); {@code approvals}
 * holds one list of 0-based candidate numbers per voter; {@code weights} is optional (positive numbers, or strings
 * "p/q"; default 1 each). Writing uses the same form, weights only when some differ from 1 (as "p/q" strings when
 * not integers).
 */
public final class ApprovalJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ApprovalJson() { }

    public static ApprovalProfile read(Reader in, String fileName) {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (IOException e) {
            throw new ProfileFormatException(fileName + ": not valid JSON: " + AbcYaml.firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) throw new ProfileFormatException(fileName + ": expected a JSON object with 'candidates' and 'approvals'");
        JsonNode cn = root.get("candidates");
        List<String> names;
        if (cn != null && cn.isInt()) {
            names = ApprovalProfile.numberNames(cn.asInt());
        } else if (cn != null && cn.isArray()) {
            names = new ArrayList<>();
            for (int i = 0; i < cn.size(); i++) {
                if (!cn.get(i).isTextual()) throw new ProfileFormatException(fileName + ": field 'candidates[" + i + "]' is not a string");
                names.add(cn.get(i).asText());
            }
        } else {
            throw new ProfileFormatException(fileName + ": field 'candidates' is missing (a list of names or a number)");
        }
        int m = names.size();
        JsonNode an = root.get("approvals");
        if (an == null || !an.isArray()) throw new ProfileFormatException(fileName + ": field 'approvals' is missing or not a list");
        var approvals = new ArrayList<List<Integer>>();
        for (int v = 0; v < an.size(); v++) {
            JsonNode set = an.get(v);
            if (!set.isArray()) throw new ProfileFormatException(fileName + ": field 'approvals[" + v + "]' is not a list");
            var list = new ArrayList<Integer>();
            for (int j = 0; j < set.size(); j++) {
                JsonNode c = set.get(j);
                if (!c.isInt() || c.asInt() < 0 || c.asInt() >= m) {
                    throw new ProfileFormatException(fileName + ": field 'approvals[" + v + "][" + j + "]' is " + c + ", not a candidate 0.." + (m - 1));
                }
                if (list.contains(c.asInt())) throw new ProfileFormatException(fileName + ": field 'approvals[" + v + "]' lists candidate " + c.asInt() + " twice");
                list.add(c.asInt());
            }
            approvals.add(list);
        }
        List<Rational> weights = null;
        JsonNode wn = root.get("weights");
        if (wn != null && !wn.isNull()) {
            if (!wn.isArray() || wn.size() != approvals.size()) {
                throw new ProfileFormatException(fileName + ": field 'weights' must be a list of " + approvals.size() + " positive numbers");
            }
            weights = new ArrayList<>();
            for (int v = 0; v < wn.size(); v++) {
                Rational w;
                try {
                    w = Rational.parse(wn.get(v).asText());
                } catch (NumberFormatException e) {
                    throw new ProfileFormatException(fileName + ": field 'weights[" + v + "]' is not a number: " + wn.get(v));
                }
                if (w.signum() <= 0) throw new ProfileFormatException(fileName + ": field 'weights[" + v + "]' must be positive, is " + w);
                weights.add(w);
            }
        }
        try {
            return new ApprovalProfile(names, approvals, weights);
        } catch (IllegalArgumentException e) {
            throw new ProfileFormatException(fileName + ": " + e.getMessage());
        }
    }

    public static String write(ApprovalProfile p) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode cands = root.putArray("candidates");
        p.names().forEach(cands::add);
        ArrayNode ap = root.putArray("approvals");
        for (int v = 0; v < p.numVoters(); v++) {
            ArrayNode set = ap.addArray();
            for (int c : p.approved(v)) set.add(c);
        }
        if (!p.hasUnitWeights()) {
            ArrayNode w = root.putArray("weights");
            for (Rational r : p.weights()) {
                if (r.isInteger()) w.add(r.numerator()); else w.add(r.toString());
            }
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
