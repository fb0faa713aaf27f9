package dk.consenthub;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import dk.consenthub.support.HubClient;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URL;
import javax.net.ssl.HttpsURLConnection;
import org.apache.camel.FluentProducerTemplate;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The hub's shape: only egress (and the sandbox servers in system, which serve HTTP) may hold an HTTP client, the
 * capabilities do not depend on each other in circles, and there are no grab-bag packages.
 */
@AnalyzeClasses(packages = "dk.consenthub", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    static final String EGRESS = "dk.consenthub.egress..";
    static final String SYSTEM = "dk.consenthub.system..";
    static final String ANALYTICS = "dk.consenthub.analytics..";

    /** Anything that sends a request from Java; a ProducerTemplate would bypass the guarded egress routes. */
    static final DescribedPredicate<JavaClass> HTTP_CLIENT_APIS = resideInAnyPackage(
            "java.net.http..",
            "org.apache.hc..",
            "org.apache.http..",
            "org.springframework.web.client..",
            "org.springframework.boot.web.client..",
            "org.springframework.http.client..",
            "org.springframework.web.reactive.function.client..",
            "okhttp3..",
            "org.apache.camel.component.http..")
            .or(assignableTo(HttpURLConnection.class))
            .or(assignableTo(HttpsURLConnection.class))
            .or(assignableTo(ProducerTemplate.class))
            .or(assignableTo(FluentProducerTemplate.class))
            .as("HTTP client APIs or a Camel producer template");

    static final ArchRule NO_HTTP_CLIENTS_OUTSIDE_EGRESS = noClasses()
            .that().resideOutsideOfPackages(EGRESS, SYSTEM)
            .should().dependOnClassesThat(HTTP_CLIENT_APIS)
            .because("everything leaving the hub goes through the egress guard (direct:egress-<system>)");

    static class HttpClients {

        @ArchTest
        static final ArchRule onlyEgressAndTheSandboxUseHttpClients = NO_HTTP_CLIENTS_OUTSIDE_EGRESS;

        @ArchTest
        static final ArchRule onlyEgressAndTheSandboxOpenUrlConnections = noClasses()
                .that().resideOutsideOfPackages(EGRESS, SYSTEM)
                .should().callMethod(URL.class, "openConnection")
                .orShould().callMethod(URL.class, "openConnection", Proxy.class)
                .orShould().callMethod(URL.class, "openStream")
                .because("URL#openConnection is an HTTP client too");

        // analytics may hold Google's credentials (they fetch their own tokens); nobody else outside egress may
        @ArchTest
        static final ArchRule onlyAnalyticsUsesGoogleAuth = noClasses()
                .that().resideOutsideOfPackages(ANALYTICS, EGRESS, SYSTEM)
                .should().dependOnClassesThat().resideInAPackage("com.google.auth..")
                .because("Google service-account credentials belong to the analytics adapter");
    }

    static class Packages {

        // Capabilities depend on each other in one direction only; break a cycle in main code, never here.
        @ArchTest
        static final ArchRule capabilitiesAreFreeOfCycles = slices()
                .matching("dk.consenthub.(*)..")
                .should().beFreeOfCycles();

        @ArchTest
        static final ArchRule noGrabBagPackages = classes()
                .should().resideOutsideOfPackages(
                        "..util..", "..utils..", "..helper..", "..helpers..",
                        "..common..", "..commons..", "..service..", "..services..")
                .because("a shared piece lives where its meaning is (STYLE.md)");
    }

    @ArchTest
    static final ArchTests httpClients = ArchTests.in(HttpClients.class);

    @ArchTest
    static final ArchTests packages = ArchTests.in(Packages.class);

    @Nested
    class TheRulesThemselves {

        @Test
        void catchAnHttpClientOutsideEgress() {
            // the test support client sends with java.net.http from outside egress
            assertThat(NO_HTTP_CLIENTS_OUTSIDE_EGRESS.evaluate(new ClassFileImporter().importClasses(HubClient.class))
                    .getFailureReport().getDetails())
                    .anyMatch(line -> line.contains(HubClient.class.getName()) && line.contains("java.net.http"));
        }
    }
}
