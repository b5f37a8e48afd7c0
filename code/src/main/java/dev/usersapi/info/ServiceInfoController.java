package dev.usersapi.info;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "service", description = "What this service is")
class ServiceInfoController {

    private final ServiceInfo info;

    ServiceInfoController(CompanyProperties company, ObjectProvider<BuildProperties> build) {
        String version = build.stream().map(BuildProperties::getVersion).findFirst().orElse("dev");
        this.info = new ServiceInfo(company.companyName(), "users-api", version, "/docs");
    }

    @GetMapping(path = "/", produces = "application/json")
    @Operation(summary = "Service information, including the company name")
    ServiceInfo info() {
        return info;
    }
}
