package dev.usersapi.web;

import dev.usersapi.user.DuplicateEmailException;
import dev.usersapi.user.UserNotFoundException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.beans.TypeMismatchException;

/**
 * Every error leaves as RFC 9457 problem+json. Spring MVC's own exceptions (405, 406, 415, missing
 * parameters, unknown paths...) are mapped by the base class; this class adds the API's domain
 * errors, field-level validation details, and 503 for an unreachable database.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);
    private static final String RETRY_AFTER_SECONDS = "5";

    @ExceptionHandler(UserNotFoundException.class)
    ProblemDetail userNotFound(UserNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, ProblemTypes.USER_NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(DuplicateEmailException.class)
    ProblemDetail duplicateEmail(DuplicateEmailException e) {
        return problem(HttpStatus.CONFLICT, ProblemTypes.DUPLICATE_EMAIL, e.getMessage());
    }

    @ExceptionHandler({CannotGetJdbcConnectionException.class, DataAccessResourceFailureException.class,
        TransientDataAccessException.class, CannotCreateTransactionException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException e) {
        log.warn("Database unavailable: {} (cause: {})", e.getMessage(), NestedExceptionUtils.getMostSpecificCause(e).toString());
        ProblemDetail body = problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.DEPENDENCY_UNAVAILABLE,
                neverReachedTheDatabase(e)
                        ? "The database is unavailable. Nothing was changed; retry later."
                        : "The database failed during the request; retry later. A user being created may have "
                                + "been stored: a retry that answers 409 found it.");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(body);
    }

    /** No connection or transaction was had, so no statement ran; a later failure may follow a commit. */
    private static boolean neverReachedTheDatabase(RuntimeException e) {
        return e instanceof CannotGetJdbcConnectionException || e instanceof CannotCreateTransactionException;
    }

    /** Tomcat could not parse the query string (e.g. {@code ?=x}, an empty parameter name): the client's error. */
    @ExceptionHandler(InvalidParameterException.class)
    ProblemDetail malformedQuery(InvalidParameterException e) {
        return problem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "The query string is malformed.");
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Unhandled error", e);
        return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred. It has been logged.");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // One error per field: a blank name may break several constraints (NotBlank, Size, Pattern).
        List<Map<String, String>> errors = List.copyOf(e.getBindingResult().getFieldErrors().stream()
                .collect(Collectors.toMap(FieldError::getField, ProblemDetailsAdvice::fieldError,
                        (first, other) -> first, LinkedHashMap::new))
                .values());
        ProblemDetail body = problem(HttpStatus.UNPROCESSABLE_CONTENT, ProblemTypes.VALIDATION,
                "The request body has invalid fields.");
        body.setProperty("errors", errors);
        return handleExceptionInternal(e, body, headers, HttpStatus.UNPROCESSABLE_CONTENT, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> Map.of(
                        "parameter", String.valueOf(result.getMethodParameter().getParameterName()),
                        "message", String.valueOf(error.getDefaultMessage()))))
                .toList();
        ProblemDetail body = problem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION,
                "The request has invalid parameters.");
        body.setProperty("errors", errors);
        return handleExceptionInternal(e, body, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = e.getPropertyName() != null ? e.getPropertyName() : "parameter";
        ProblemDetail body = problem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION,
                "'%s' must be a %s.".formatted(name, describe(e.getRequiredType())));
        return handleExceptionInternal(e, body, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (causedBy(e, BodyTooLargeException.class)) {
            ProblemDetail body = problem(HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.BODY_TOO_LARGE,
                    "The request body is too large.");
            return handleExceptionInternal(e, body, headers, HttpStatus.CONTENT_TOO_LARGE, request);
        }
        ProblemDetail body = problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_BODY,
                "The request body is not valid JSON of the expected shape.");
        return handleExceptionInternal(e, body, headers, HttpStatus.BAD_REQUEST, request);
    }

    private static ProblemDetail problem(HttpStatus status, java.net.URI type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        return problem;
    }

    private static Map<String, String> fieldError(FieldError error) {
        return Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage()));
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "valid value";
        }
        return switch (type.getSimpleName()) {
            case "long", "Long", "int", "Integer" -> "whole number";
            default -> type.getSimpleName();
        };
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
