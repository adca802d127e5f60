package org.charter.core.charter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the OpenAI Model Spec's Markdown into a charter: every heading tagged {@code {#id authority=LEVEL}} becomes
 * a clause of that authority, and every {@code <comparison>} block becomes an example of the clause it sits under.
 *
 * <p>Rules, as implemented:
 * <ul>
 *   <li>Parties: root, system, developer, user, guideline (the Spec's levels, highest first).</li>
 *   <li>A heading with an id but no authority ({@code # Stay in bounds {#stay_in_bounds}}, the overview, the
 *       definitions) only groups or explains; it is not a clause and its own prose is not imported. It is counted
 *       in {@link Result#groupingHeadings()}. A {@code tags=} attribute becomes the clause's scope tags (the Spec's
 *       {@code tags=under_18}); any other attribute is an error.</li>
 *   <li>A clause's text is its section body, from the line after its heading to the next heading (outside code
 *       fences) of the same or a higher level, or a nested heading that carries an authority of its own; as plain
 *       text: {@code **Example**} lines and their {@code ~~~xml} blocks are taken out (they become examples),
 *       {@code [?](#id)} becomes the referenced heading's title, {@code [text](url)} becomes its text, footnote
 *       markers {@code [^x]} are dropped, {@code **bold**} and {@code *italic*} markers are dropped, {@code ---}
 *       between spaces becomes an em dash, {@code !!! meta "Commentary"} blocks become paragraphs starting
 *       "Commentary:", and runs of blank lines become one. Other code fences are kept as they are.</li>
 *   <li>Kind and override policy by authority: root and system are rules that nothing overrides (never); developer
 *       and user are defaults that an explicit instruction may override (explicit); guideline clauses are norms that
 *       context may override (implicit). Root is "never" by the Spec's definition; system is treated like root
 *       because the Spec's system-level clauses are set by OpenAI and not open to developers or users.</li>
 *   <li>An example's prompt is the conversation inside its {@code ~~~xml} block before the {@code <comparison>}:
 *       the content of the only {@code <user>} turn when that is all there is, otherwise the turns with their
 *       role tags. When one block holds several comparisons, an earlier comparison in the prompt of a later one is
 *       replaced by its first GOOD answer (as the conversation would have gone), or dropped when it has none.
 *       Each {@code <assistant>} of a comparison must carry {@code <!-- GOOD -->}, {@code <!-- BAD -->} or
 *       {@code <!-- OK -->}; what follows the marker ({@code GOOD: staying professional}) is the response's note.</li>
 *   <li>Provenance: source "OpenAI Model Spec RELEASE, section #id (FILE line N)" with FILE the file's name without
 *       its directory (so the hash does not depend on where the file was read), author OpenAI, licence CC0-1.0.</li>
 * </ul>
 */
public final class ModelSpecImporter {
    /*
     * [1] OpenAI. "Model Spec", release 2025-12-18. https://model-spec.openai.com;
     *     source https://github.com/openai/model_spec. Dedicated to the public domain under CC0 1.0.
     */

    /** The Spec's authority levels, highest first. */
    public static final List<String> LEVELS = List.of("root", "system", "developer", "user", "guideline");

    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*$");
    private static final Pattern TAG = Pattern.compile("\\{#([^\\s}]+)([^}]*)\\}\\s*$");
    private static final Pattern ATTR = Pattern.compile("(\\w+)=(\\S+)");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})(.*)$");
    private static final Pattern COMPARISON = Pattern.compile("<comparison>(.*?)</comparison>", Pattern.DOTALL);
    private static final Pattern ASSISTANT = Pattern.compile("<assistant([^>]*)>(.*?)</assistant>", Pattern.DOTALL);
    private static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*(GOOD|BAD|OK)\\b(.*?)-->", Pattern.DOTALL);
    private static final Pattern ONLY_USER = Pattern.compile("^<user>\\n?(.*?)\\n?</user>$", Pattern.DOTALL);
    private static final Pattern EXAMPLE_LINE = Pattern.compile("^\\*\\*Example\\*\\*:?\\s*(.*)$");

    private ModelSpecImporter() { }

    /** The imported charter and the counts that describe it. */
    public record Result(Charter charter, int taggedHeadings, int groupingHeadings, Map<String, Integer> clausesPerAuthority,
            int examples, int good, int bad, int ok) {
        public Result {
            clausesPerAuthority = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(clausesPerAuthority));
        }
    }

    /** A heading outside code fences. */
    private record Heading(int line, int level, String title, Optional<String> id, Map<String, String> attrs) { }

    /**
     * Imports the Spec. {@code release} is the version the charter gets (the file does not state it); errors name
     * {@code fileName} and the line.
     */
    public static Result importSpec(String markdown, String fileName, String release) {
        List<String> lines = List.of(markdown.replace("\r\n", "\n").split("\n", -1));
        boolean[] inFence = fenceMask(lines);
        List<Heading> headings = new ArrayList<>();
        Map<String, String> titles = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            if (inFence[i]) continue;
            Matcher h = HEADING.matcher(lines.get(i));
            if (!h.matches()) continue;
            String text = h.group(2);
            Matcher t = TAG.matcher(text);
            Optional<String> id = Optional.empty();
            Map<String, String> attrs = new LinkedHashMap<>();
            if (t.find()) {
                id = Optional.of(t.group(1));
                String rest = t.group(2).strip();
                Matcher a = ATTR.matcher(rest);
                while (a.find()) attrs.put(a.group(1), a.group(2));
                if (!ATTR.matcher(rest).replaceAll("").isBlank()) {
                    throw new IllegalArgumentException(fileName + ":" + (i + 1) + ": cannot read heading attributes '" + rest + "'");
                }
                text = text.substring(0, t.start()).strip();
                titles.put(id.get(), plainInline(text, Map.of()));
            }
            headings.add(new Heading(i, h.group(1).length(), text, id, attrs));
        }

        // provenance names the file without its directory, so that the charter (and its hash) does not depend on where it was read
        String baseName = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        List<Clause> clauses = new ArrayList<>();
        Map<String, Integer> perAuthority = new LinkedHashMap<>();
        LEVELS.forEach(l -> perAuthority.put(l, 0));
        int tagged = 0, grouping = 0, examples = 0, good = 0, bad = 0, ok = 0;
        for (int k = 0; k < headings.size(); k++) {
            Heading h = headings.get(k);
            if (h.id().isEmpty()) continue;
            tagged++;
            for (String key : h.attrs().keySet()) {
                if (!key.equals("authority") && !key.equals("tags")) {
                    throw new IllegalArgumentException(fileName + ":" + (h.line() + 1) + ": unknown heading attribute '" + key + "'");
                }
            }
            String authority = h.attrs().get("authority");
            if (authority == null) {
                grouping++;
                continue;
            }
            if (!LEVELS.contains(authority)) {
                throw new IllegalArgumentException(fileName + ":" + (h.line() + 1) + ": unknown authority '" + authority + "' (expected " + String.join(", ", LEVELS) + ")");
            }
            int end = lines.size();
            for (int j = k + 1; j < headings.size(); j++) {
                Heading n = headings.get(j);
                if (n.level() <= h.level() || n.attrs().containsKey("authority")) {
                    end = n.line();
                    break;
                }
            }
            Body body = body(lines, inFence, h.line() + 1, end, titles, fileName);
            for (Example e : body.examples()) {
                good += e.good().size();
                bad += e.bad().size();
                ok += e.ok().size();
            }
            examples += body.examples().size();
            String text = body.text().isBlank() ? plainInline(h.title(), titles) : body.text();
            List<String> tags = h.attrs().containsKey("tags") ? List.of(h.attrs().get("tags").split(",")) : List.of();
            Scope scope = new Scope(List.of(), List.of(), List.of(), List.of(), List.of(), tags);
            Provenance prov = Provenance.cited("OpenAI Model Spec " + release + ", section #" + h.id().get() + " (" + baseName + " line " + (h.line() + 1) + ")",
                    "OpenAI", "CC0-1.0");
            clauses.add(new Clause(h.id().get(), Optional.of(plainInline(h.title(), titles)), text, kindOf(authority), authority,
                    overrideOf(authority), scope, body.examples(), Optional.of(prov)));
            perAuthority.merge(authority, 1, Integer::sum);
        }
        Charter charter = new Charter("openai-model-spec", release, Optional.of("OpenAI Model Spec"), Optional.empty(), LEVELS, clauses,
                List.of(), Optional.of(CharterPolicy.DEFAULT));
        CharterResolver.resolve(charter, fileName);
        return new Result(charter, tagged, grouping, perAuthority, examples, good, bad, ok);
    }

    /** The kind a Spec level maps to: root and system rules, developer and user defaults, guideline norms. */
    public static ClauseKind kindOf(String level) {
        return switch (level) {
            case "root", "system" -> ClauseKind.RULE;
            case "developer", "user" -> ClauseKind.DEFAULT;
            case "guideline" -> ClauseKind.NORM;
            default -> throw new IllegalArgumentException("not a Model Spec level: " + level);
        };
    }

    /** The override policy a Spec level maps to: root and system never, developer and user explicit, guideline implicit. */
    public static OverridePolicy overrideOf(String level) {
        return switch (level) {
            case "root", "system" -> OverridePolicy.NEVER;
            case "developer", "user" -> OverridePolicy.EXPLICIT;
            case "guideline" -> OverridePolicy.IMPLICIT;
            default -> throw new IllegalArgumentException("not a Model Spec level: " + level);
        };
    }

    /** Which lines are inside a fenced code block (fence lines included). A fence closes with the same character, at least as long. */
    static boolean[] fenceMask(List<String> lines) {
        boolean[] mask = new boolean[lines.size()];
        String open = null;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = FENCE.matcher(lines.get(i));
            if (open == null) {
                if (m.matches()) {
                    open = m.group(1);
                    mask[i] = true;
                }
            } else {
                mask[i] = true;
                if (m.matches() && m.group(1).charAt(0) == open.charAt(0) && m.group(1).length() >= open.length() && m.group(2).isBlank()) open = null;
            }
        }
        return mask;
    }

    private record Body(String text, List<Example> examples) { }

    private static Body body(List<String> lines, boolean[] inFence, int from, int to, Map<String, String> titles, String fileName) {
        List<String> kept = new ArrayList<>();
        List<Example> examples = new ArrayList<>();
        String pendingTitle = null;
        int i = from;
        while (i < to) {
            String line = lines.get(i);
            Matcher ex = EXAMPLE_LINE.matcher(line);
            if (!inFence[i] && ex.matches()) {
                pendingTitle = plainInline(ex.group(1), titles);
                i++;
                continue;
            }
            Matcher f = FENCE.matcher(line);
            if (inFence[i] && f.matches() && f.group(2).strip().equals("xml")) {
                int start = i + 1;
                int j = start;
                while (j < to && !(inFence[j] && FENCE.matcher(lines.get(j)).matches() && lines.get(j).strip().equals(f.group(1)))) j++;
                String block = String.join("\n", lines.subList(start, Math.min(j, to)));
                examples.addAll(comparisons(block, pendingTitle, fileName, start + 1));
                pendingTitle = null;
                i = j + 1;
                continue;
            }
            if (pendingTitle != null && !line.isBlank()) {
                // an "**Example**" line not followed by a block: keep it as text
                kept.add("Example: " + pendingTitle);
                pendingTitle = null;
            }
            if (!inFence[i] && line.startsWith("!!! ")) {
                kept.add("Commentary:");
                i++;
                while (i < to && (lines.get(i).startsWith("    ") || lines.get(i).isBlank())) {
                    if (lines.get(i).isBlank() && (i + 1 >= to || !lines.get(i + 1).startsWith("    "))) break;
                    kept.add(plainInline(lines.get(i).substring(Math.min(4, lines.get(i).length())), titles));
                    i++;
                }
                continue;
            }
            kept.add(inFence[i] ? line : plainInline(line, titles));
            i++;
        }
        StringBuilder sb = new StringBuilder();
        boolean blank = false;
        for (String k : kept) {
            if (k.isBlank()) {
                blank = true;
                continue;
            }
            if (blank && sb.length() > 0) sb.append('\n');
            blank = false;
            sb.append(k).append('\n');
        }
        return new Body(Text.block(sb.toString()), examples);
    }

    /** The examples of one {@code ~~~xml} block: one per {@code <comparison>}. */
    private static List<Example> comparisons(String block, String title, String fileName, int firstLine) {
        List<Example> out = new ArrayList<>();
        Matcher m = COMPARISON.matcher(block);
        StringBuilder conversation = new StringBuilder();
        int last = 0;
        while (m.find()) {
            conversation.append(block, last, m.start());
            last = m.end();
            String prompt = promptOf(conversation.toString());
            List<Example.Response> good = new ArrayList<>(), bad = new ArrayList<>(), ok = new ArrayList<>();
            Matcher a = ASSISTANT.matcher(m.group(1));
            while (a.find()) {
                Matcher mk = MARKER.matcher(a.group(2));
                int line = firstLine + (int) block.substring(0, m.start(1) + a.start()).chars().filter(c -> c == '\n').count();
                if (!mk.find()) throw new IllegalArgumentException(fileName + ":" + line + ": an <assistant> answer in a <comparison> lacks <!-- GOOD -->, <!-- BAD --> or <!-- OK -->");
                String note = mk.group(2).strip();
                if (note.startsWith(":")) note = note.substring(1).strip();
                var r = new Example.Response(a.group(2).substring(mk.end()), note.isEmpty() ? Optional.empty() : Optional.of(note));
                switch (mk.group(1)) {
                    case "GOOD" -> good.add(r);
                    case "BAD" -> bad.add(r);
                    default -> ok.add(r);
                }
            }
            out.add(new Example(Optional.ofNullable(title), prompt.isBlank() ? Optional.empty() : Optional.of(prompt), good, bad, ok));
            // the conversation goes on with the first good answer, if there is one
            if (!good.isEmpty()) conversation.append("<assistant>\n").append(good.get(0).text()).append("\n</assistant>\n");
        }
        return out;
    }

    private static String promptOf(String conversation) {
        String c = Text.block(conversation);
        Matcher u = ONLY_USER.matcher(c);
        if (u.matches() && !u.group(1).contains("<user>") && !u.group(1).contains("</user>")) return u.group(1);
        return c;
    }

    private static final Pattern REF = Pattern.compile("\\[\\?\\]\\(#([^)]+)\\)");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]^][^\\]]*)\\]\\(([^)\\s]*)\\)");
    private static final Pattern FOOTNOTE = Pattern.compile("\\[\\^[^\\]]+\\]");
    private static final Pattern BOLD = Pattern.compile("\\*\\*(\\S(?:.*?\\S)?)\\*\\*");
    private static final Pattern ITALIC = Pattern.compile("(?<![\\w*\\\\])\\*(\\S(?:[^*]*?\\S)?)\\*(?![\\w*])");

    /** One line of Markdown prose as plain text (see the class comment). */
    static String plainInline(String s, Map<String, String> titles) {
        Matcher r = REF.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (r.find()) r.appendReplacement(sb, Matcher.quoteReplacement(titles.getOrDefault(r.group(1), r.group(1))));
        r.appendTail(sb);
        String out = LINK.matcher(sb.toString()).replaceAll(mr -> Matcher.quoteReplacement(mr.group(1)));
        out = FOOTNOTE.matcher(out).replaceAll("");
        out = BOLD.matcher(out).replaceAll(mr -> Matcher.quoteReplacement(mr.group(1)));
        out = ITALIC.matcher(out).replaceAll(mr -> Matcher.quoteReplacement(mr.group(1)));
        return out.replace(" --- ", " \u2014 ");
    }
}
