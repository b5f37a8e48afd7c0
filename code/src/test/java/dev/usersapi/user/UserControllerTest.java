package dev.usersapi.user;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.usersapi.cache.CacheRead;
import dev.usersapi.web.StrictJsonConfiguration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Web slice: routing, validation and the mapping of every error to problem+json. */
@WebMvcTest(UserController.class)
@Import({StrictJsonConfiguration.class, UserPageBodies.class})
class UserControllerTest {

    private static final User ADA = new User(7, "Ada", "ada@example.com", Instant.parse("2026-01-02T03:04:05Z"));
    private static final String PROBLEM = "application/problem+json";

    @Autowired
    MockMvc mvc;

    @Autowired
    UserPageBodies pageBodies;

    @MockitoBean
    UserService users;

    private ResultActions postJson(String body) throws Exception {
        return mvc.perform(post("/users").contentType(MediaType.APPLICATION_JSON).content(body));
    }

    @Test
    void createReturns201WithLocationAndTheUser() throws Exception {
        given(users.create(any())).willReturn(ADA);

        postJson("{\"name\":\"Ada\",\"email\":\"ada@example.com\"}")
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/users/7"))
                .andExpect(jsonPath("$.id").value(7))
                .andExpect(jsonPath("$.email").value("ada@example.com"))
                .andExpect(jsonPath("$.created_at").value("2026-01-02T03:04:05Z"));
    }

    @Test
    void invalidFieldsGive422WithOneErrorPerField() throws Exception {
        postJson("{\"name\":\" \",\"email\":\"not-an-email\"}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.status").value(422))
                .andExpect(jsonPath("$.errors", hasSize(2)));
        verifyNoInteractions(users);
    }

    @Test
    void missingFieldsGive422() throws Exception {
        postJson("{}").andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors", hasSize(2)));
    }

    @Test
    void tooLongNameGives422() throws Exception {
        postJson("{\"name\":\"" + "x".repeat(101) + "\",\"email\":\"a@example.com\"}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("name"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":", "[]", "null", "not json", "{\"name\":5,\"email\":\"a@example.com\"}"})
    void malformedOrMistypedJsonGives400(String body) throws Exception {
        postJson(body)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.type").value("urn:users-api:problem:malformed-body"));
        verifyNoInteractions(users);
    }

    @Test
    void wrongContentTypeGives415() throws Exception {
        mvc.perform(post("/users").contentType(MediaType.TEXT_PLAIN).content("Ada"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentType(PROBLEM));
    }

    @Test
    void oversizeBodyGives413() throws Exception {
        postJson("{\"name\":\"" + "x".repeat(20_000) + "\",\"email\":\"a@example.com\"}")
                .andExpect(status().isContentTooLarge())
                .andExpect(content().contentType(PROBLEM));
        verifyNoInteractions(users);
    }

    @Test
    void duplicateEmailGives409() throws Exception {
        given(users.create(any())).willThrow(new DuplicateEmailException("ada@example.com", null));

        postJson("{\"name\":\"Ada\",\"email\":\"ada@example.com\"}")
                .andExpect(status().isConflict())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.type").value("urn:users-api:problem:duplicate-email"))
                .andExpect(jsonPath("$.detail", containsString("ada@example.com")));
    }

    @Test
    void getCarriesTheCacheOutcome() throws Exception {
        given(users.find(7)).willReturn(new CacheRead<>(ADA, true));

        mvc.perform(get("/users/7"))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Cache", "HIT"))
                .andExpect(jsonPath("$.name").value("Ada"));
    }

    @Test
    void unknownIdGives404() throws Exception {
        given(users.find(99)).willThrow(new UserNotFoundException(99));

        mvc.perform(get("/users/99"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.type").value("urn:users-api:problem:user-not-found"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "-1", "1.5", "99999999999999999999"})
    void badIdGives400(String id) throws Exception {
        mvc.perform(get("/users/" + id))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(PROBLEM));
        verifyNoInteractions(users);
    }

    @Test
    void listUsesDefaultPagingAndSendsThePageBodyAsJson() throws Exception {
        byte[] page = pageBodies.render(List.of(ADA));
        given(users.list(20, 0)).willReturn(new CacheRead<>(page, false));

        mvc.perform(get("/users"))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Cache", "MISS"))
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(header().string("Content-Length", Integer.toString(page.length)))
                .andExpect(jsonPath("$", hasSize(1)))
                .andExpect(jsonPath("$[0].id").value(7))
                .andExpect(jsonPath("$[0].created_at").value("2026-01-02T03:04:05Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=101", "limit=x", "offset=-1", "offset=y", "offset=1000001"})
    void badPagingGives400(String query) throws Exception {
        mvc.perform(get("/users?" + query))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(PROBLEM));
        verifyNoInteractions(users);
    }

    @Test
    void unsupportedMethodGives405() throws Exception {
        mvc.perform(delete("/users/7"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(header().exists("Allow"))
                .andExpect(content().contentType(PROBLEM));
    }

    @Test
    void unreachableDatabaseGives503WithRetryAfter() throws Exception {
        given(users.list(20, 0)).willThrow(new CannotGetJdbcConnectionException("Connection refused"));

        mvc.perform(get("/users"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.detail", containsString("Nothing was changed")));
    }

    @Test
    void aDatabaseFailureDuringAWriteDoesNotClaimNothingWasChanged() throws Exception {
        given(users.create(any())).willThrow(new QueryTimeoutException("canceling statement due to statement timeout"));

        mvc.perform(post("/users").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Ada\",\"email\":\"ada@example.com\"}"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.detail", not(containsString("Nothing was changed"))))
                .andExpect(jsonPath("$.detail", containsString("409")));
    }

    @Test
    void unexpectedErrorsGive500WithoutInternals() throws Exception {
        given(users.find(7)).willThrow(new IllegalStateException("secret internal detail"));

        mvc.perform(get("/users/7"))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("secret internal detail"))));
    }

    @Test
    void nulCharacterGives422NotADatabaseError() throws Exception {
        postJson("{\"name\":\"A\\u0000da\",\"email\":\"ada@example.com\"}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentType(PROBLEM))
                .andExpect(jsonPath("$.errors[0].field").value("name"));
        verifyNoInteractions(users);
    }

    @Test
    void malformedQueryStringGives400() throws Exception {
        given(users.list(20, 0)).willThrow(new org.apache.tomcat.util.http.InvalidParameterException("=null"));

        mvc.perform(get("/users"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(PROBLEM));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x@a*b", "x@localhost", "x@-a.com", "x@a_b.com"})
    void emailsWithoutAValidHostNameGive422(String email) throws Exception {
        postJson("{\"name\":\"Ada\",\"email\":\"" + email + "\"}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("email"));
        verifyNoInteractions(users);
    }
}
