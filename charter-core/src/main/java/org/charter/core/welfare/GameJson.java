package org.charter.core.welfare;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.charter.core.math.Rational;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads a cooperative game from JSON. An object with {@code "players"} (an array of distinct names, no commas) and
 * exactly one of:
 * <ul>
 * <li>{@code "values"}: an object mapping every coalition to its worth; a coalition is written as its members'
 *     names joined by commas in any order, {@code ""} for the empty one (worth 0); all 2^n coalitions must be given
 *     (n at most 20), e.g. {@code {"players":["a","b"],"values":{"":0,"a":1,"b":1,"a,b":3}}};</li>
 * <li>{@code "weightedVoting"}: {@code {"quota": 51, "weights": [50, 49, 1]}}, one weight per player;</li>
 * <li>{@code "airport"}: {@code {"costs": [...]}}, one runway cost per player;</li>
 * <li>{@code "gloves"}: {@code {"left": [names]}}, the other players holding right gloves.</li>
 * </ul>
 * Numbers are read exactly (a JSON number, or a string such as {@code "2/3"}). Every error names the file, the line
 * and the field.
 */
public final class GameJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private GameJson() { }

    public static CooperativeGame read(Reader in, String fileName) {
        try (JsonParser p = FACTORY.createParser(in)) {
            return new Parse(p, fileName).game();
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new GameFormatException(fileName, line, null, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(fileName + ": " + e.getMessage(), e);
        }
    }

    private static final class Parse {
        final JsonParser p;
        final String file;

        Parse(JsonParser p, String file) {
            this.p = p;
            this.file = file;
        }

        GameFormatException error(String field, String problem) {
            return new GameFormatException(file, p.currentTokenLocation().getLineNr(), field, problem);
        }

        CooperativeGame game() throws IOException {
            if (p.nextToken() != JsonToken.START_OBJECT) throw error(null, "expected a JSON object {\"players\": [...], ...}");
            List<String> players = null;
            String kind = null;
            int kindLine = 0;
            Map<String, Object> body = null;
            Map<String, Integer> valueLines = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "players" -> players = stringArray("players");
                    case "values", "weightedVoting", "airport", "gloves" -> {
                        if (kind != null) throw error(name, "only one of values, weightedVoting, airport, gloves may be given (found " + kind + " too)");
                        kind = name;
                        kindLine = p.currentTokenLocation().getLineNr();
                        if (name.equals("values")) {
                            valueLines = new HashMap<>();
                            body = coalitionValues(valueLines);
                        } else {
                            body = objectOf(name);
                        }
                    }
                    default -> throw error(name, "unknown field (expected players and one of values, weightedVoting, airport, gloves)");
                }
            }
            if (players == null) throw new GameFormatException(file, 0, "players", "missing: the list of player names is needed");
            if (kind == null) throw new GameFormatException(file, 0, null, "the game is missing: give one of values, weightedVoting, airport, gloves");
            try {
                CooperativeGames.checkPlayers(players);
            } catch (IllegalArgumentException e) {
                throw new GameFormatException(file, 0, "players", e.getMessage());
            }
            List<String> names = players;
            return switch (kind) {
                case "values" -> table(players, body, valueLines, kindLine);
                case "weightedVoting" -> {
                    Rational quota = (Rational) need(body, "weightedVoting.quota", kindLine, Rational.class);
                    List<Rational> weights = rationals(need(body, "weightedVoting.weights", kindLine, List.class), "weightedVoting.weights", kindLine);
                    yield build(kindLine, "weightedVoting", () -> new CooperativeGames.WeightedVoting(names, quota, weights));
                }
                case "airport" -> {
                    List<Rational> costs = rationals(need(body, "airport.costs", kindLine, List.class), "airport.costs", kindLine);
                    yield build(kindLine, "airport", () -> new CooperativeGames.Airport(names, costs));
                }
                default -> {
                    List<?> left = (List<?>) need(body, "gloves.left", kindLine, List.class);
                    var leftNames = new LinkedHashSet<String>();
                    for (Object o : left) {
                        if (!(o instanceof String s)) throw new GameFormatException(file, kindLine, "gloves.left", "expected player names");
                        leftNames.add(s);
                    }
                    yield build(kindLine, "gloves", () -> new CooperativeGames.Gloves(names, leftNames));
                }
            };
        }

        interface Maker {
            CooperativeGame make();
        }

        CooperativeGame build(int line, String field, Maker maker) {
            try {
                return maker.make();
            } catch (IllegalArgumentException e) {
                throw new GameFormatException(file, line, field, e.getMessage());
            }
        }

        Object need(Map<String, Object> body, String path, int line, Class<?> type) {
            String key = path.substring(path.indexOf('.') + 1);
            Object o = body.get(key);
            if (o == null) throw new GameFormatException(file, line, path, "missing");
            if (!type.isInstance(o)) throw new GameFormatException(file, line, path, type == List.class ? "expected an array" : "expected a number");
            return o;
        }

        List<Rational> rationals(Object list, String field, int line) {
            List<Rational> out = new ArrayList<>();
            for (Object o : (List<?>) list) {
                if (!(o instanceof Rational r)) throw new GameFormatException(file, line, field, "expected numbers only");
                out.add(r);
            }
            return out;
        }

        CooperativeGame table(List<String> players, Map<String, Object> values, Map<String, Integer> lines, int line) {
            int n = players.size();
            if (n > CooperativeGames.MAX_TABLE_PLAYERS) {
                throw new GameFormatException(file, line, "values", "a table of coalition values is limited to "
                        + CooperativeGames.MAX_TABLE_PLAYERS + " players; for " + n + " use weightedVoting, airport or gloves");
            }
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < n; i++) index.put(players.get(i), i);
            Rational[] v = new Rational[1 << n];
            String[] keyOf = new String[1 << n];
            for (var e : values.entrySet()) {
                String key = e.getKey();
                int keyLine = lines.get(key);
                String field = "values.\"" + key + "\"";
                int mask = 0;
                if (!key.isBlank()) {
                    for (String member : key.split(",", -1)) {
                        Integer i = index.get(member.trim());
                        if (i == null) throw new GameFormatException(file, keyLine, field, "\"" + member.trim() + "\" is not one of the players " + players);
                        if ((mask & 1 << i) != 0) throw new GameFormatException(file, keyLine, field, "\"" + member.trim() + "\" appears twice in the coalition");
                        mask |= 1 << i;
                    }
                }
                if (keyOf[mask] != null) {
                    throw new GameFormatException(file, keyLine, field, "the same coalition as \"" + keyOf[mask] + "\" on line " + lines.get(keyOf[mask]));
                }
                keyOf[mask] = key;
                v[mask] = (Rational) e.getValue();
            }
            if (v[0] == null) v[0] = Rational.ZERO; // the empty coalition may be left out: it is worth 0
            if (v[0].signum() != 0) throw new GameFormatException(file, lines.get(keyOf[0]), "values.\"\"", "the empty coalition must be worth 0, found " + v[0]);
            for (int mask = 0; mask < v.length; mask++) {
                if (v[mask] == null) {
                    var members = new ArrayList<String>();
                    BitSet b = BitSet.valueOf(new long[] {mask});
                    for (int i = b.nextSetBit(0); i >= 0; i = b.nextSetBit(i + 1)) members.add(players.get(i));
                    throw new GameFormatException(file, line, "values", "the coalition \"" + String.join(",", members)
                            + "\" has no value (all " + v.length + " coalitions of " + n + " players are needed)");
                }
            }
            return new CooperativeGames.Table(players, Arrays.asList(v));
        }

        List<String> stringArray(String field) throws IOException {
            if (p.currentToken() != JsonToken.START_ARRAY) throw error(field, "expected an array of names");
            List<String> out = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (p.currentToken() != JsonToken.VALUE_STRING) throw error(field, "expected a name (a string), found " + p.getText());
                out.add(p.getText());
            }
            return out;
        }

        Map<String, Object> coalitionValues(Map<String, Integer> lines) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) throw error("values", "expected an object mapping coalitions to numbers");
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                int line = p.currentTokenLocation().getLineNr();
                p.nextToken();
                if (out.containsKey(key)) throw error("values.\"" + key + "\"", "the coalition appears twice");
                out.put(key, number("values.\"" + key + "\""));
                lines.put(key, line);
            }
            return out;
        }

        /** A flat object whose values are numbers or arrays of numbers or names. */
        Map<String, Object> objectOf(String field) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) throw error(field, "expected an object");
            Map<String, Object> out = new HashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                String path = field + "." + key;
                if (p.currentToken() == JsonToken.START_ARRAY) {
                    List<Object> items = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        items.add(p.currentToken() == JsonToken.VALUE_STRING && !looksNumeric(p.getText()) ? p.getText() : number(path));
                    }
                    out.put(key, items);
                } else {
                    out.put(key, number(path));
                }
            }
            return out;
        }

        private static boolean looksNumeric(String s) {
            return !s.isBlank() && s.trim().matches("[-+0-9./eE]+");
        }

        Rational number(String field) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_STRING) {
                try {
                    return Rational.parse(p.getText());
                } catch (NumberFormatException e) {
                    throw error(field, "expected a number such as 3, 0.5 or \"2/3\", found \"" + p.getText() + "\"");
                }
            }
            throw error(field, "expected a number, found " + p.getText());
        }
    }
}
