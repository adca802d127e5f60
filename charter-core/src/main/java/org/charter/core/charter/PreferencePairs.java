package org.charter.core.charter;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A charter's worked examples as preference pairs for preference tuning (DPO and its kin): for every example with a
 * prompt, each good response is preferred to each bad one, and each pair carries the clause it illustrates, that
 * clause's authority, and the charter's id, version and content hash, so a trained model can be traced back to the
 * charter version that taught it. Responses marked merely acceptable ({@code ok}) are left out unless asked for, in
 * which case each is preferred to each bad response; examples without a prompt or without both sides yield nothing and
 * are counted, never silently dropped.
 *
 * <p>Two shapes, as Hugging Face TRL's preference datasets take them [1]: standard (prompt, chosen and rejected as
 * text) and conversational (the prompt as a list of {role, content} messages, read from the example's role tags such
 * as {@code <developer>...</developer>}; an untagged prompt is one user message; chosen and rejected as one assistant
 * message each).
 */
public final class PreferencePairs {
    /*
     * [1] Hugging Face TRL documentation, "Dataset formats and types": preference datasets, standard and
     *     conversational forms (fields prompt, chosen, rejected).
     * [2] R. Rafailov et al., "Direct Preference Optimization: Your language model is secretly a reward model",
     *     NeurIPS 2023.
     */
    private PreferencePairs() { }

    /** One message of a conversational prompt. */
    public record Message(String role, String content) { }

    /**
     * One preference pair with where it came from.
     *
     * @param prompt         the prompt as written in the example (role tags included)
     * @param messages       the prompt as messages (role, content)
     * @param chosen         the preferred response
     * @param rejected       the dispreferred response
     * @param clauseIds      the clause the example illustrates
     * @param authority      that clause's authority
     * @param charterId      the charter's id
     * @param charterVersion its version
     * @param charterHash    its content hash
     * @param example        the example's title, or its position ("example 3") when untitled
     */
    public record Pair(String prompt, List<Message> messages, String chosen, String rejected, List<String> clauseIds, String authority,
                       String charterId, String charterVersion, String charterHash, String example) { }

    /**
     * The pairs and the accounting of what was not turned into pairs.
     *
     * @param pairs               the pairs, clause by clause in charter order, examples in order
     * @param examples            examples seen
     * @param withoutPrompt       examples skipped for lack of a prompt
     * @param withoutBothSides    examples with a prompt but no good (or ok, when asked for) or no bad response
     * @param okResponsesLeftOut  responses marked ok not used (when ok responses are not asked for)
     */
    public record Export(List<Pair> pairs, int examples, int withoutPrompt, int withoutBothSides, int okResponsesLeftOut) {
        public Export {
            pairs = List.copyOf(pairs);
        }
    }

    private static final Pattern TURN = Pattern.compile("<(system|developer|user|assistant|tool)>\\s*(.*?)\\s*</\\1>", Pattern.DOTALL);

    /** The pairs of an (effective) charter. */
    public static Export of(Charter charter, boolean includeOk) {
        String hash = CanonicalForm.hash(charter);
        List<Pair> pairs = new ArrayList<>();
        int examples = 0, withoutPrompt = 0, withoutBoth = 0, okLeftOut = 0;
        for (Clause clause : charter.clauses()) {
            int index = 0;
            for (Example e : clause.examples()) {
                index++;
                examples++;
                if (!includeOk) okLeftOut += e.ok().size();
                if (e.prompt().isEmpty()) {
                    withoutPrompt++;
                    continue;
                }
                List<Example.Response> preferred = new ArrayList<>(e.good());
                if (includeOk) preferred.addAll(e.ok());
                if (preferred.isEmpty() || e.bad().isEmpty()) {
                    withoutBoth++;
                    continue;
                }
                String prompt = e.prompt().get();
                List<Message> messages = messages(prompt);
                String name = e.title().orElse("example " + index);
                for (Example.Response good : preferred) {
                    for (Example.Response bad : e.bad()) {
                        pairs.add(new Pair(prompt, messages, good.text(), bad.text(), List.of(clause.id()), clause.authority(), charter.id(),
                                charter.version(), hash, name));
                    }
                }
            }
        }
        return new Export(pairs, examples, withoutPrompt, withoutBoth, okLeftOut);
    }

    /** The prompt's turns from its role tags; text outside any tag, or an untagged prompt, is a user message. */
    static List<Message> messages(String prompt) {
        List<Message> out = new ArrayList<>();
        Matcher m = TURN.matcher(prompt);
        int last = 0;
        while (m.find()) {
            String between = prompt.substring(last, m.start()).strip();
            if (!between.isEmpty()) out.add(new Message("user", between));
            out.add(new Message(m.group(1), m.group(2)));
            last = m.end();
        }
        String rest = prompt.substring(last).strip();
        if (!rest.isEmpty()) out.add(new Message("user", rest));
        return out;
    }
}
