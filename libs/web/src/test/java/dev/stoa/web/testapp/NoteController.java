package dev.stoa.web.testapp;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Free-form JSON in a body and an id in a path, for the input guard's tests. */
@RestController
@Tag(name = "Notes")
public class NoteController {

    /** A note with free-form metadata, as agents and orgs carry it. */
    public record NewNote(
            @NotBlank @Nullable String title, @Nullable JsonNode metadata) {}

    @PostMapping("/notes")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "createNote")
    public Map<String, Object> create(@Valid @RequestBody NewNote note) {
        return Map.of("title", note.title() == null ? "" : note.title());
    }

    @GetMapping("/notes/{note_id}")
    @Operation(operationId = "getNote")
    public Map<String, String> get(@PathVariable("note_id") String id) {
        return Map.of("id", id);
    }
}
