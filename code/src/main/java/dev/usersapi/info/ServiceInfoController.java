package dev.usersapi.info;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "service", description = "What this service is")
class ServiceInfoController {

    private final ServiceInfo info;

    ServiceInfoController(ServiceInfo info) {
        this.info = info;
    }

    @GetMapping(path = "/", produces = "application/json")
    @Operation(summary = "Service information, including the company name")
    ServiceInfo info() {
        return info;
    }
}
