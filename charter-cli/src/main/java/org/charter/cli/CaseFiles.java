package org.charter.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.charter.core.charter.OpenCase;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** A folder of open cases, one JSON file per case ({@code ID.json}); written whole to a temporary file, then moved. */
final class CaseFiles {
    private CaseFiles() { }

    static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    static void write(Path dir, OpenCase c) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(c.id() + ".json.tmp");
        Files.writeString(tmp, MAPPER.writeValueAsString(c), StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(c.id() + ".json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static OpenCase read(Path file) throws IOException {
        try {
            return MAPPER.readValue(Files.readString(file, StandardCharsets.UTF_8), OpenCase.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not a case file: " + e.getOriginalMessage());
        }
    }

    static OpenCase read(Path dir, String id) throws IOException {
        Path f = dir.resolve(id + ".json");
        if (!Files.exists(f)) throw new IllegalArgumentException("no case '" + id + "' in " + dir);
        return read(f);
    }

    /** Every case in the folder, by id. */
    static List<OpenCase> all(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("no case folder " + dir);
        List<OpenCase> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) out.add(read(f));
        }
        return out;
    }
}
