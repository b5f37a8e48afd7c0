package dev.usersapi.user;

public class UserNotFoundException extends RuntimeException {

    public UserNotFoundException(long id) {
        super("No user with id " + id + ".");
    }
}
