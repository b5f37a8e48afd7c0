package dev.usersapi.user;

public class DuplicateEmailException extends RuntimeException {

    public DuplicateEmailException(String email, Throwable cause) {
        super("A user with email " + email + " already exists.", cause);
    }
}
