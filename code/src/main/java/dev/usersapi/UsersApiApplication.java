package dev.usersapi;

import dev.usersapi.net.DnsCachePolicy;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class UsersApiApplication {

    public static void main(String[] args) {
        DnsCachePolicy.apply(System.getenv());
        SpringApplication.run(UsersApiApplication.class, args);
    }
}
