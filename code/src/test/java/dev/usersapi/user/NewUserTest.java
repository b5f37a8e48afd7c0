package dev.usersapi.user;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The field patterns: what they accept, and that no input makes them backtrack quadratically. */
class NewUserTest {

    /** 16 000 characters: about what the 16 KB body limit lets one field carry. */
    private static final int LONG = 16_000;

    private static ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void startValidator() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void closeValidator() {
        factory.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ada", " Ada ", "\tA", "é", "李", "a b c"})
    void textWithAVisibleCharacterAndNoNulIsAccepted(String text) {
        assertThat(Pattern.matches(NewUser.TEXT, text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n", "\u00a0\u3000\ufeff", "Ada\u0000", "\u0000Ada", " \u0000 "})
    void textWithoutAVisibleCharacterOrWithNulIsRejected(String text) {
        assertThat(Pattern.matches(NewUser.TEXT, text)).isFalse();
    }

    /** Counting character reads, not timing: a quadratic pattern reads a 16 000-character value ~10^8 times. */
    @ParameterizedTest
    @ValueSource(strings = {"a", " ", "a ", "@", "a@b."})
    void patternsReadEachCharacterABoundedNumberOfTimes(String unit) {
        String hostile = unit.repeat(LONG / unit.length()) + "\u0000";
        for (String regex : new String[] {NewUser.TEXT, NewUser.EMAIL_DOMAIN}) {
            CountingChars input = new CountingChars(hostile);
            Pattern.compile(regex).matcher(input).matches();
            assertThat(input.reads).as("reads of %d characters by %s", hostile.length(), regex)
                    .isLessThan(8L * hostile.length());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", " "})
    void longValueEndingInNulIsRejectedWithTheTextMessage(String unit) {
        String hostile = unit.repeat(LONG) + "\u0000";
        var violations = validator.validate(new NewUser(hostile, hostile));
        assertThat(violations).extracting(v -> v.getMessage()).contains(NewUser.TEXT_MESSAGE);
    }

    /** A CharSequence that counts how often the matcher reads a character. */
    private static final class CountingChars implements CharSequence {
        private final String text;
        private long reads;

        CountingChars(String text) {
            this.text = text;
        }

        @Override
        public char charAt(int index) {
            reads++;
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
