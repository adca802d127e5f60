package org.charter.llm;

import org.junit.jupiter.api.AfterEach;

/** The contract, over HTTP against FakeOpenAiServer. */
class OpenAiChatClientContractTest extends ChatClientContract {
    private FakeOpenAiServer server;

    @Override
    protected ChatClient yesClient() {
        server = FakeOpenAiServer.start().reply(FakeOpenAiServer.Reply.text("yes"));
        return new OpenAiChatClient(LlmConfig.of(server.baseUrl(), "fake-model", null).withJitterSeed(7));
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }
}
