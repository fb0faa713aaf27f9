package dk.consenthub.bench.bare;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The start baseline: Spring Boot with web, actuator, Security (its defaults) and Camel with one route, and no
 * database, so "start to healthy" shows what the stack itself costs.
 */
@SpringBootApplication(exclude = DataSourceAutoConfiguration.class)
public class BareStackApplication {

    public static void main(String[] args) {
        SpringApplication.run(BareStackApplication.class, args);
    }

    @Bean
    RouteBuilder pingRoute() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ping").routeId("bare-ping").setBody(constant("pong"));
            }
        };
    }
}
