package dev.usersapi.user;

import dev.usersapi.cache.CacheRead;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/users", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "users", description = "Create and read users")
class UserController {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    static final long MAX_OFFSET = 1_000_000;

    private static final String PROBLEM = "application/problem+json";

    private final UserService users;

    UserController(UserService users) {
        this.users = users;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create a user", responses = {
        @ApiResponse(responseCode = "201", description = "Created",
                headers = @Header(name = "Location", description = "/users/{id} of the new user")),
        @ApiResponse(responseCode = "400", description = "Malformed JSON", content = @Content(mediaType = PROBLEM)),
        @ApiResponse(responseCode = "409", description = "Email already used", content = @Content(mediaType = PROBLEM)),
        @ApiResponse(responseCode = "413", description = "Body too large", content = @Content(mediaType = PROBLEM)),
        @ApiResponse(responseCode = "415", description = "Not JSON", content = @Content(mediaType = PROBLEM)),
        @ApiResponse(responseCode = "422", description = "Invalid fields", content = @Content(mediaType = PROBLEM)),
        @ApiResponse(responseCode = "503", description = "Database unavailable", content = @Content(mediaType = PROBLEM))})
    ResponseEntity<User> create(@Valid @RequestBody NewUser request) {
        User user = users.create(request);
        return ResponseEntity.created(URI.create("/users/" + user.id())).body(user);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read one user", responses = {
        @ApiResponse(responseCode = "200", description = "The user", headers = @Header(name = CacheRead.HEADER,
                description = "HIT when served from this instance's memory or Redis, MISS when read from PostgreSQL",
                schema = @Schema(type = "string", allowableValues = {"HIT", "MISS"}))),
        @ApiResponse(responseCode = "400", description = "Bad id", content = @Content(mediaType = PROBLEM)),
        @ApiResponse(responseCode = "404", description = "Unknown id", content = @Content(mediaType = PROBLEM)),
        @ApiResponse(responseCode = "503", description = "Database unavailable", content = @Content(mediaType = PROBLEM))})
    User get(@PathVariable @Positive long id, HttpServletResponse response) {
        return withCacheHeader(users.find(id), response);
    }

    /** The page as {@link UserService#list} keeps it: its JSON body, which the 200 schema below describes. */
    @GetMapping
    @Operation(summary = "List users ordered by id, one page at a time", responses = {
        @ApiResponse(responseCode = "200", description = "A page of users",
                content = @Content(array = @ArraySchema(schema = @Schema(implementation = User.class))),
                headers = @Header(name = CacheRead.HEADER,
                        description = "HIT when served from Redis, MISS when read from PostgreSQL",
                        schema = @Schema(type = "string", allowableValues = {"HIT", "MISS"}))),
        @ApiResponse(responseCode = "400", description = "Bad paging", content = @Content(mediaType = PROBLEM)),
        @ApiResponse(responseCode = "503", description = "Database unavailable", content = @Content(mediaType = PROBLEM))})
    byte[] list(
            @Parameter(description = "Page size, 1 to " + MAX_LIMIT + "; empty means the default", allowEmptyValue = true)
            @RequestParam(defaultValue = "" + DEFAULT_LIMIT) @Min(1) @Max(MAX_LIMIT) int limit,
            @Parameter(description = "Users to skip, 0 to " + MAX_OFFSET + "; empty means 0", allowEmptyValue = true)
            @RequestParam(defaultValue = "0") @Min(0) @Max(MAX_OFFSET) long offset,
            HttpServletResponse response) {
        return withCacheHeader(users.list(limit, offset), response);
    }

    /**
     * Sets X-Cache on the servlet response and returns the body, instead of a ResponseEntity:
     * Spring MVC flushes a ResponseEntity's headers before the body is complete, which forces
     * chunked encoding and one more write per response (about 10 % of a cached read's CPU).
     * A plain body is buffered and sent once, with Content-Length.
     */
    private static <T> T withCacheHeader(CacheRead<T> read, HttpServletResponse response) {
        response.setHeader(CacheRead.HEADER, read.headerValue());
        return read.value();
    }
}
