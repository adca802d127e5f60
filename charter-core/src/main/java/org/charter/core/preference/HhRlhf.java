package org.charter.core.preference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A reader of Anthropic's HH-RLHF preference pairs [1]: JSON lines {@code {"chosen": ..., "rejected": ...}}, each a
 * whole dialogue ({@code "\n\nHuman: ...\n\nAssistant: ..."}) that shares its beginning with the other and differs in
 * the final assistant turn.
 *
 * <p>The split: the prompt is the common beginning of the two dialogues up to and including the last
 * {@code "\n\nAssistant:"} that lies wholly inside it; each response is the rest of its dialogue, stripped of
 * surrounding whitespace. Splitting at the shared prefix, not at each dialogue's own last "Assistant:", matters: a few
 * responses in the data themselves contain "Human:" and "Assistant:" turns. Pairs whose two responses are identical are
 * kept and counted ({@link Data#identicalPairs()}), for the caller to decide. A line that is not such a JSON object is
 * an error naming the file and line. Gzip, if any, is decoded by the caller.
 */
public final class HhRlhf {
    /*
     * [1] Y. Bai et al. "Training a Helpful and Harmless Assistant with Reinforcement Learning from Human Feedback."
     *     arXiv:2204.05862, 2022. Data: https://github.com/anthropics/hh-rlhf (MIT licence).
     */
    private HhRlhf() { }

    /** The marker that opens an assistant turn. */
    public static final String ASSISTANT = "\n\nAssistant:";

    /**
     * One preference pair.
     *
     * @param line     its line in the file (from 1)
     * @param prompt   the shared dialogue, ending with {@code "\n\nAssistant:"}
     * @param chosen   the preferred final response
     * @param rejected the other final response
     */
    public record Pair(int line, String prompt, String chosen, String rejected) {
        public boolean identical() {
            return chosen.equals(rejected);
        }
    }

    /**
     * The pairs of a file.
     *
     * @param file           the file name given
     * @param pairs          every pair, in file order (identical ones included)
     * @param identicalPairs how many pairs have identical responses
     * @param identicalLines their lines
     */
    public record Data(String file, List<Pair> pairs, int identicalPairs, List<Integer> identicalLines) {
        public Data {
            pairs = List.copyOf(pairs);
            identicalLines = List.copyOf(identicalLines);
        }

        /** The pairs whose responses differ. */
        public List<Pair> informativePairs() {
            return pairs.stream().filter(p -> !p.identical()).toList();
        }
    }

    /** A file that is not HH-RLHF JSON lines, with the place of the problem. */
    public static final class FormatException extends RuntimeException {
        public FormatException(String file, int line, String problem) {
            super(file + (line > 0 ? ", line " + line : "") + ": " + problem);
        }
    }

    /** Reads every line; {@code file} names the source in error messages. */
    public static Data read(Reader in, String file) {
        var mapper = new ObjectMapper();
        var pairs = new ArrayList<Pair>();
        var identical = new ArrayList<Integer>();
        int lineNo = 0;
        try (var reader = new BufferedReader(in)) {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) throw new FormatException(file, lineNo, "blank line (each line must be one JSON object)");
                JsonNode node;
                try {
                    node = mapper.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new FormatException(file, lineNo, "not JSON: " + e.getOriginalMessage());
                }
                if (node == null || !node.isObject()) throw new FormatException(file, lineNo, "not a JSON object");
                String chosen = text(node, "chosen", file, lineNo), rejected = text(node, "rejected", file, lineNo);
                Pair pair = split(chosen, rejected, file, lineNo);
                if (pair.identical()) identical.add(lineNo);
                pairs.add(pair);
            }
        } catch (CharacterCodingException e) {
            throw new FormatException(file, lineNo + 1, "not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException(file + ", line " + (lineNo + 1) + ": " + e.getMessage(), e));
        }
        if (pairs.isEmpty()) throw new FormatException(file, 0, "no preference pairs (the file is empty)");
        return new Data(file, pairs, identical.size(), identical);
    }

    /** Splits two dialogues into their shared prompt and their final responses. */
    public static Pair split(String chosen, String rejected, String file, int line) {
        int common = 0, max = Math.min(chosen.length(), rejected.length());
        while (common < max && chosen.charAt(common) == rejected.charAt(common)) common++;
        int cut = chosen.lastIndexOf(ASSISTANT, common - ASSISTANT.length());
        if (cut < 0) {
            throw new FormatException(file, line, "chosen and rejected do not share a dialogue up to an assistant turn (\\n\\nAssistant:)");
        }
        int end = cut + ASSISTANT.length();
        return new Pair(line, chosen.substring(0, end), chosen.substring(end).strip(), rejected.substring(end).strip());
    }

    private static String text(JsonNode node, String field, String file, int line) {
        JsonNode v = node.get(field);
        if (v == null) throw new FormatException(file, line, "field \"" + field + "\" is missing");
        if (!v.isTextual()) throw new FormatException(file, line, "field \"" + field + "\" is not a string");
        return v.asText();
    }
}
