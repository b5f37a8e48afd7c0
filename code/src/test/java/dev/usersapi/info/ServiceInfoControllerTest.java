package dev.usersapi.info;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(controllers = ServiceInfoController.class, properties = "app.company-name=Initech")
class ServiceInfoControllerTest {

    @Autowired
    MockMvc mvc;

    @TestConfiguration
    @EnableConfigurationProperties(CompanyProperties.class)
    @Import(ServiceInfoConfiguration.class)
    static class CompanyConfiguration {
    }

    @Test
    void rootShowsTheCompanyName() throws Exception {
        mvc.perform(get("/"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.company").value("Initech"))
                .andExpect(jsonPath("$.service").value("users-api"))
                .andExpect(jsonPath("$.docs").value("/docs"));
    }
}
