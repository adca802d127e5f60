package org.charter.core.welfare;

import java.util.List;
import java.util.Map;

/**
 * What a social welfare function made of a utility profile: all tied best options (sorted by name) and, as
 * evidence, every option's welfare value in the order of the profile.
 *
 * @param swf        the function's id with its parameter, e.g. {@code "atkinson:2"}
 * @param definition one sentence: what is compared
 * @param arithmetic {@code "exact"} or the floating-point tolerance within which values count as tied
 * @param best       the tied best options, sorted
 * @param options    every option's welfare, in profile order
 */
public record WelfareResult(String swf, String definition, String arithmetic, List<String> best, List<OptionWelfare> options) {
    public WelfareResult {
        best = List.copyOf(best);
        options = List.copyOf(options);
        if (best.isEmpty()) throw new IllegalArgumentException("a welfare result has at least one best option");
    }

    /**
     * One option's welfare.
     *
     * @param option   its name
     * @param value    the welfare value as text: exact ({@code "7/2"}) or a decimal
     * @param approx   the same value as a double, for sorting and plotting
     * @param best     whether the option is among the best
     * @param evidence what else the function compared (leximin: the sorted utilities; Nash: zeros and product)
     */
    public record OptionWelfare(String option, String value, double approx, boolean best, Map<String, Object> evidence) {
        public OptionWelfare {
            evidence = Map.copyOf(evidence);
        }
    }

    /** The welfare of one named option. */
    public OptionWelfare of(String option) {
        return options.stream().filter(o -> o.option().equals(option)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no option named \"" + option + "\""));
    }

    /** A plain-text table: one line per option, best ones marked with {@code *}. */
    public String toText() {
        var sb = new StringBuilder();
        sb.append(swf).append(" (").append(arithmetic).append("): ").append(definition).append('\n');
        sb.append("best: ").append(String.join(", ", best)).append('\n');
        int width = Math.max(6, options.stream().mapToInt(o -> o.option().length()).max().orElse(6));
        for (OptionWelfare o : options) {
            sb.append(o.best() ? "* " : "  ").append(String.format("%-" + width + "s  %s", o.option(), o.value()));
            Object sorted = o.evidence().get("sorted");
            if (sorted != null) sb.append("   sorted ").append(sorted);
            Object zeros = o.evidence().get("zeroWeight");
            if (zeros != null && !"0".equals(zeros)) sb.append("   (weight at zero ").append(zeros).append(')');
            sb.append('\n');
        }
        return sb.toString();
    }
}
