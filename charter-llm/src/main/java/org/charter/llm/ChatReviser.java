package org.charter.llm;

import java.util.List;

import org.charter.core.judge.CritiqueAndRevision;

/** The model side of critique and revision over any chat model: the conversation so far, then the critique as a user turn. */
public final class ChatReviser implements CritiqueAndRevision.Reviser {
    private final ChatClient client;
    private final String systemPrompt;

    /** @param systemPrompt the charter's compiled instructions, or null */
    public ChatReviser(ChatClient client, String systemPrompt) {
        this.client = client;
        this.systemPrompt = systemPrompt;
    }

    @Override
    public String revise(String prompt, String response, String critique) {
        var messages = new java.util.ArrayList<ChatMessage>();
        if (systemPrompt != null && !systemPrompt.isBlank()) messages.add(ChatMessage.system(systemPrompt));
        messages.addAll(List.of(ChatMessage.user(prompt), ChatMessage.assistant(response), ChatMessage.user(critique)));
        return client.chat(ChatRequest.of(messages).withTemperature(0)).text();
    }
}
