package org.charter.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.util.Map;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * The baseline for the embedding benchmark: all-MiniLM-L6-v2 run straight on ONNX Runtime ({@code OrtSession}) from
 * the model file inside the LangChain4j artifact, with the same HuggingFace tokenizer, one tokenisation, mean pooling
 * over the attention mask and L2 normalisation; no cache, no LangChain4j. Texts longer than 512 tokens are truncated
 * (LangChain4j instead averages 510-token pieces), so the two agree on sentences, which is what is compared.
 * Thread-safe (ONNX Runtime sessions and the tokenizer are).
 */
public final class RawOnnxMiniLm implements AutoCloseable {
    private final OrtEnvironment env;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean typeIds;

    public RawOnnxMiniLm(MiniLm model) {
        env = OrtEnvironment.getEnvironment();
        try (InputStream tokenizerJson = model.tokenizerJson()) {
            session = env.createSession(model.onnxModel(), new OrtSession.SessionOptions());
            tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of("padding", "false", "truncation", "true", "maxLength", "512"));
            typeIds = session.getInputNames().contains("token_type_ids");
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot load " + model.id() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tokenizer of " + model.id(), e);
        }
    }

    /** The unit-length mean-pooled embedding of {@code text}. */
    public float[] embed(String text) {
        Encoding encoding = tokenizer.encode(text);
        long[] ids = encoding.getIds(), mask = encoding.getAttentionMask(), types = encoding.getTypeIds();
        long[] shape = {1, ids.length};
        try (OnnxTensor idsT = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
                OnnxTensor maskT = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
                OnnxTensor typesT = OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape)) {
            Map<String, OnnxTensor> inputs = typeIds
                    ? Map.of("input_ids", idsT, "attention_mask", maskT, "token_type_ids", typesT)
                    : Map.of("input_ids", idsT, "attention_mask", maskT);
            try (OrtSession.Result result = session.run(inputs)) {
                float[][] hidden = ((float[][][]) result.get(0).getValue())[0];
                int dim = hidden[0].length;
                float[] pooled = new float[dim];
                long count = 0;
                for (int t = 0; t < hidden.length; t++) {
                    if (mask[t] == 0) continue;
                    count++;
                    for (int d = 0; d < dim; d++) pooled[d] += hidden[t][d];
                }
                double norm = 0;
                for (int d = 0; d < dim; d++) {
                    pooled[d] /= count;
                    norm += (double) pooled[d] * pooled[d];
                }
                float inv = (float) (1 / Math.sqrt(norm));
                for (int d = 0; d < dim; d++) pooled[d] *= inv;
                return pooled;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on a text of " + ids.length + " tokens: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        tokenizer.close();
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the ONNX session: " + e.getMessage(), e);
        }
    }
}
