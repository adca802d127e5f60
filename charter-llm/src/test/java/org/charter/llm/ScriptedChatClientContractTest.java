package org.charter.llm;

/** The contract, for the test double. */
class ScriptedChatClientContractTest extends ChatClientContract {
    @Override
    protected ChatClient yesClient() {
        return ScriptedChatClient.always("yes");
    }
}
