package org.charter.core.charter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;

import org.charter.core.SharedData;

/**
 * Timings for NOTES-charterdoc.md (not a test: run by hand): importing the Model Spec and hashing its canonical
 * form, first call (cold JVM) and median of {@code repeat} later calls.
 *
 * <pre>
 * java -cp charter-core/target/classes:charter-core/target/test-classes:JACKSON_AND_SNAKEYAML_JARS org.charter.core.charter.CharterDocBench [repeat]
 * </pre>
 */
public final class CharterDocBench {
    private CharterDocBench() { }

    public static void main(String[] args) throws IOException {
        int repeat = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        String md = Files.readString(SharedData.path("model-spec/model_spec.md"));
        System.out.printf("CharterDocBench: first call, then median of %d calls; %d cores, Java %s%n", repeat,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        long t0 = System.nanoTime();
        ModelSpecImporter.Result r = ModelSpecImporter.importSpec(md, "model_spec.md", "2025-12-18");
        double importCold = (System.nanoTime() - t0) / 1e6;
        t0 = System.nanoTime();
        String hash = CanonicalForm.hash(r.charter());
        double hashCold = (System.nanoTime() - t0) / 1e6;
        double[] imports = new double[repeat];
        double[] hashes = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            long s = System.nanoTime();
            ModelSpecImporter.importSpec(md, "model_spec.md", "2025-12-18");
            imports[i] = (System.nanoTime() - s) / 1e6;
            s = System.nanoTime();
            CanonicalForm.hash(r.charter());
            hashes[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(imports);
        Arrays.sort(hashes);
        System.out.printf("import-spec model_spec.md (%d bytes, 59 clauses, 189 examples): first %.0f ms, median %.1f ms%n",
                md.getBytes(StandardCharsets.UTF_8).length, importCold, imports[repeat / 2]);
        System.out.printf("canonical hash (%d bytes of canonical JSON): first %.0f ms, median %.1f ms; %s%n",
                CanonicalForm.compactJson(r.charter()).getBytes(StandardCharsets.UTF_8).length, hashCold, hashes[repeat / 2], hash);
    }
}
