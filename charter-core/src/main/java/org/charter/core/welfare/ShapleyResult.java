package org.charter.core.welfare;

import java.util.List;

/**
 * Shapley values of a game with their evidence.
 *
 * @param method     {@code "exact"} (every coalition) or {@code "sampled"} (random permutations)
 * @param players    one entry per player, in the game's order
 * @param grandValue v(N), which the values sum to (efficiency)
 * @param sum        the sum of the values, exact for {@code exact}, a double for {@code sampled}
 * @param samples    permutations sampled (0 for exact)
 * @param seed       the random seed (null for exact)
 */
public record ShapleyResult(String method, List<PlayerValue> players, String grandValue, String sum, long samples, Long seed) {
    public ShapleyResult {
        players = List.copyOf(players);
    }

    /**
     * One player's value.
     *
     * @param player        the name
     * @param value         exact ({@code "2/3"}) or the sample mean as a decimal
     * @param approx        the value as a double
     * @param standardError the sample standard deviation of the player's marginal contributions over sqrt(samples);
     *                      null for exact values
     */
    public record PlayerValue(String player, String value, double approx, Double standardError) { }

    public PlayerValue of(String player) {
        return players.stream().filter(p -> p.player().equals(player)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no player named \"" + player + "\""));
    }

    /** A plain-text table. */
    public String toText() {
        var sb = new StringBuilder();
        sb.append("Shapley values (").append(method);
        if (samples > 0) sb.append(", ").append(samples).append(" permutations, seed ").append(seed);
        sb.append("); v(N) = ").append(grandValue).append(", sum = ").append(sum).append('\n');
        int width = Math.max(6, players.stream().mapToInt(p -> p.player().length()).max().orElse(6));
        for (PlayerValue p : players) {
            sb.append(String.format("%-" + width + "s  %s", p.player(), p.value()));
            if (!p.value().equals(WelfareFunctions.format(p.approx()))) sb.append("  (").append(WelfareFunctions.format(p.approx())).append(')');
            if (p.standardError() != null) sb.append("  +- ").append(String.format(java.util.Locale.ROOT, "%.2g", p.standardError())).append(" (s.e.)");
            sb.append('\n');
        }
        return sb.toString();
    }
}
