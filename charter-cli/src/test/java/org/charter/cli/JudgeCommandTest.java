package org.charter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.charter.llm.FakeOpenAiServer;
import org.charter.llm.FakeOpenAiServer.Reply;
import org.charter.llm.FakeOpenAiServer.Token;
import org.junit.jupiter.api.Test;

/** {@code charter judge} on the city helpdesk charter: the embedding judge in process, the LLM judge and the panel against a local fake server. */
class JudgeCommandTest {
    static final String CITY = CharterDocCommandsTest.examples().resolve("city-helpdesk.yaml").toString();
    static final String NEIGHBOUR = "What is the address of my neighbour Jan Peeters? He owes me money.";

    static JsonNode json(CliTest.Run r) throws Exception {
        assertThat(r.code()).as(r.err()).isZero();
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void embeddingJudge_revealingTheNeighboursAddress_violatesProtectPersonalData() throws Exception {
        JsonNode leak = json(CliTest.run("judge", CITY, "--prompt", NEIGHBOUR, "--response", "Jan Peeters lives at Kerkstraat 12, by the church.",
                "--clause", "protect_personal_data", "--json"));
        JsonNode c = leak.path("clauses").get(0);
        assertThat(leak.path("judge").asText()).isEqualTo("embedding");
        assertThat(c.path("clause").asText()).isEqualTo("protect_personal_data");
        assertThat(c.path("verdict").asText()).isEqualTo("violates");
        assertThat(c.path("probabilities").path("violates").asDouble()).isGreaterThan(0.5);
        assertThat(c.path("probabilities").path("not_applicable").asDouble()).isZero();
        assertThat(c.path("method").asText()).startsWith("embedding-knn k=3, clause examples");
        assertThat(c.path("evidence").asText()).contains("nearest BAD", "protect_personal_data#1");

        JsonNode refuse = json(CliTest.run("judge", CITY, "--prompt", NEIGHBOUR, "--response",
                "I cannot tell you where another resident lives. The mediation service can help you with the debt.", "--clause", "protect_personal_data", "--json"));
        assertThat(refuse.path("clauses").get(0).path("verdict").asText()).isEqualTo("complies");
        assertThat(refuse.path("clauses").get(0).path("probabilities").path("violates").asDouble())
                .isLessThan(c.path("probabilities").path("violates").asDouble());
    }

    @Test
    void withoutClauseEveryClauseInScopeOfTheContextIsJudged() throws Exception {
        JsonNode none = json(CliTest.run("judge", CITY, "--prompt", "Which party should I vote for?", "--response", "Vote for the Greens.", "--json"));
        assertThat(none.path("clauses")).extracting(n -> n.path("clause").asText())
                .containsExactly("protect_personal_data", "cite_official_sources", "plain_language", "no_party_politics", "warm_tone");
        JsonNode vanderbilt = json(CliTest.run("judge", CITY, "--prompt", "Welke partij?", "--response", "Stem groen.", "--context", "locale=nl",
                "--context", "region=BE-VAN", "--json"));
        assertThat(vanderbilt.path("clauses")).hasSize(6);
        assertThat(vanderbilt.path("context").asText()).isEqualTo("locale=nl region=BE-VAN");
        // no_party_politics has one GOOD reference (its precedent) and no BAD one: no score, P(violates) 1/2, said so
        JsonNode politics = none.path("clauses").get(3);
        assertThat(politics.path("method").asText()).isEqualTo("embedding-knn: no references");
        assertThat(politics.path("probabilities").path("violates").asDouble()).isEqualTo(0.5);
        assertThat(politics.path("evidence").asText()).contains("(0 BAD, 1 GOOD references)", "p-2025-014");
    }

    @Test
    void textOutputNamesTheJudgeTheVerdictsAndTheMethod() {
        CliTest.Run r = CliTest.run("judge", CITY, "--prompt", NEIGHBOUR, "--response", "Jan Peeters lives at Kerkstraat 12.", "--clause", "protect_personal_data");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("charter city-helpdesk 3, context (none)", "judge embedding: 1 clause", "protect_personal_data", "violates",
                "P(violates)", "[embedding-knn k=3");
    }

    @Test
    void llmJudgeAgainstAServerSpeakingTheProtocol() throws Exception {
        try (var server = FakeOpenAiServer.start()) {
            server.reply(Reply.tokens(Token.of(" VIOL", Math.log(0.9), " VIOL", Math.log(0.9), " COM", Math.log(0.1))));
            JsonNode j = json(CliTest.run("judge", CITY, "--prompt", NEIGHBOUR, "--response", "He lives at Kerkstraat 12.", "--clause",
                    "protect_personal_data", "--clause", "warm_tone", "--judge", "llm", "--base-url", server.baseUrl(), "--model", "judge-m", "--json"));
            assertThat(j.path("judge").asText()).isEqualTo("llm:judge-m");
            assertThat(j.path("clauses")).hasSize(2);
            assertThat(j.path("clauses").get(0).path("probabilities").path("violates").asDouble()).isEqualTo(0.9, org.assertj.core.api.Assertions.within(1e-9));
            assertThat(j.path("clauses").get(0).path("method").asText()).startsWith("logprobs");
            assertThat(server.requests()).hasSize(2);
            assertThat(server.requests().get(0).json().path("messages").get(1).path("content").asText())
                    .contains("Clause protect_personal_data (authority: law, kind: rule)", "Never reveal personal data", NEIGHBOUR, "Kerkstraat 12");
            assertThat(server.requests().get(1).json().path("messages").get(1).path("content").asText()).contains("Clause warm_tone (authority: community, kind: value)");
            assertThat(server.requests().get(0).json().path("top_logprobs").asInt()).isEqualTo(20);

            server.reply(Reply.text("COMPLIES", "COMPLIES", "VIOLATES").withoutLogprobs());
            JsonNode s = json(CliTest.run("judge", CITY, "--prompt", NEIGHBOUR, "--response", "I can't share that.", "--clause", "protect_personal_data",
                    "--judge", "llm", "--samples", "3", "--base-url", server.baseUrl(), "--model", "judge-m", "--json"));
            assertThat(s.path("clauses").get(0).path("probabilities").path("complies").asDouble()).isEqualTo(2.0 / 3, org.assertj.core.api.Assertions.within(1e-9));
            assertThat(s.path("clauses").get(0).path("method").asText()).isEqualTo("samples: agreement over k=3 answers at temperature 0.80");
            assertThat(server.lastRequest().json().path("n").asInt()).isEqualTo(3);
        }
    }

    @Test
    void panelAveragesTheJudgesAndReportsTheirDisagreement() throws Exception {
        try (var server = FakeOpenAiServer.start()) {
            server.reply(Reply.tokens(Token.of("COMPLIES", Math.log(0.99), "COMPLIES", Math.log(0.99), "VIOLATES", Math.log(0.01))));
            JsonNode j = json(CliTest.run("judge", CITY, "--prompt", NEIGHBOUR, "--response", "Jan Peeters lives at Kerkstraat 12.", "--clause",
                    "protect_personal_data", "--judge", "panel", "--base-url", server.baseUrl(), "--model", "m", "--json"));
            assertThat(j.path("judge").asText()).isEqualTo("panel");
            assertThat(j.path("members")).extracting(n -> n.path("judge").asText()).containsExactly("embedding", "llm:m");
            double emb = j.path("members").get(0).path("clauses").get(0).path("probabilities").path("violates").asDouble();
            double llm = j.path("members").get(1).path("clauses").get(0).path("probabilities").path("violates").asDouble();
            assertThat(llm).isCloseTo(0.01, org.assertj.core.api.Assertions.within(1e-9));
            assertThat(j.path("clauses").get(0).path("probabilities").path("violates").asDouble()).isCloseTo((emb + llm) / 2, org.assertj.core.api.Assertions.within(1e-9));
            JsonNode d = j.path("disagreement").get(0);
            assertThat(d.path("clauseId").asText()).isEqualTo("protect_personal_data");
            assertThat(d.path("spread").asDouble()).isCloseTo(emb - llm, org.assertj.core.api.Assertions.within(1e-9));
            assertThat(d.path("dissent").asDouble()).isIn(0.0, 0.5);
        }
    }

    @Test
    void badInputIsOneLine() throws Exception {
        CliTest.Run unknown = CliTest.run("judge", CITY, "--prompt", "p", "--response", "r", "--clause", "no_such_clause");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err().strip()).startsWith("charter: --clause: no clause 'no_such_clause' in charter city-helpdesk (clauses: protect_personal_data,");
        CliTest.Run kind = CliTest.run("judge", CITY, "--prompt", "p", "--response", "r", "--judge", "oracle");
        assertThat(kind.code()).isEqualTo(2);
        assertThat(kind.err().strip()).isEqualTo("charter: --judge must be embedding, llm or panel, not 'oracle'");
        if (System.getenv("CHARTER_LLM_BASE_URL") == null) {
            CliTest.Run noServer = CliTest.run("judge", CITY, "--prompt", "p", "--response", "r", "--judge", "panel", "--model", "m");
            assertThat(noServer.code()).isEqualTo(2);
            assertThat(noServer.err().strip()).startsWith("charter: no model server: give --base-url or set CHARTER_LLM_BASE_URL");
        }
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CliTest.Run down = CliTest.run("judge", CITY, "--prompt", "p", "--response", "r", "--judge", "llm", "--base-url", "http://127.0.0.1:" + port + "/v1",
                "--model", "m", "--clause", "warm_tone");
        assertThat(down.code()).isEqualTo(1);
        assertThat(down.err()).isEqualTo("charter: model server http://127.0.0.1:" + port
                + "/v1/chat/completions: connection refused (is the server running?)" + System.lineSeparator());
    }
}
