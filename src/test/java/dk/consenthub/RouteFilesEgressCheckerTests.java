package dk.consenthub;

import static dk.consenthub.RouteFileRules.ERROR_HANDLING_FILE;
import static dk.consenthub.RouteFileRules.egressProblems;
import static dk.consenthub.RouteFilesCheckersTests.EGRESS;
import static dk.consenthub.RouteFilesCheckersTests.GOOD;
import static dk.consenthub.RouteFilesCheckersTests.withGoodFiles;
import static org.assertj.core.api.Assertions.assertThat;

import dk.consenthub.RouteFiles.RouteFile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The egress checker finds every external call a route makes, and lets only the egress door make one. */
class RouteFilesEgressCheckerTests {

    @Test
    void reportAConsentSyncRouteCallingMailchimpDirectly() {
        List<RouteFile> files = withGoodFiles(RouteFile.parse("consent-sync.camel.yaml", """
                - route:
                    id: consent-sync-to-mailchimp
                    from:
                      uri: direct:consent-sync-to-mailchimp
                      steps:
                        - to:
                            uri: https://us1.api.mailchimp.com/3.0
                            parameters:
                              httpMethod: PUT
                """));

        assertThat(egressProblems(files)).containsExactly("consent-sync.camel.yaml: route"
                + " 'consent-sync-to-mailchimp' calls https://us1.api.mailchimp.com/3.0 directly; external"
                + " systems are reached only through direct:egress-<system>");
    }

    @Test
    void findExternalCallsNestedInAnyStep() {
        List<RouteFile> files = withGoodFiles(RouteFile.parse("consent-sync.camel.yaml", """
                - route:
                    id: consent-sync-everywhere
                    from:
                      uri: direct:consent-sync-everywhere
                      steps:
                        - choice:
                            when:
                              - simple: "${body} == 'a'"
                                steps:
                                  - to: https://when.example
                            otherwise:
                              steps:
                                - toD: "http://otherwise.example/${header.id}"
                        - doTry:
                            steps:
                              - split:
                                  simple: "${body}"
                                  steps:
                                    - filter:
                                        simple: "${body} != null"
                                        steps:
                                          - wireTap: "{{hub.booking.base-url}}"
                            doCatch:
                              - exception:
                                  - java.lang.Exception
                                steps:
                                  - loop:
                                      constant: "2"
                                      steps:
                                        - enrich:
                                            constant: "netty-http:http://catch.example"
                            doFinally:
                              steps:
                                - pollEnrich:
                                    expression:
                                      simple: "vertx-http:https://finally.example"
                        - recipientList:
                            constant: "direct:consent-sync-audit,rest:get:/customers"
                        - to:
                            uri: platform-http:/somewhere
                """));

        assertThat(egressProblems(files)).hasSize(7).allMatch(problem -> problem.startsWith(
                "consent-sync.camel.yaml: route 'consent-sync-everywhere' calls "))
                .anyMatch(p -> p.contains("https://when.example"))
                .anyMatch(p -> p.contains("http://otherwise.example/${header.id}"))
                .anyMatch(p -> p.contains("{{hub.booking.base-url}}"))
                .anyMatch(p -> p.contains("netty-http:http://catch.example"))
                .anyMatch(p -> p.contains("vertx-http:https://finally.example"))
                .anyMatch(p -> p.contains("rest:get:/customers"))
                .anyMatch(p -> p.contains("platform-http:/somewhere"));
    }

    @Test
    void reportAnEgressRouteWrittenOutsideTheEgressFile() {
        List<RouteFile> files = List.of(RouteFile.parse("gecko.camel.yaml", """
                - route:
                    id: egress-gecko
                    from:
                      uri: direct:egress-gecko
                      steps:
                        - to: "{{hub.booking.base-url}}"
                """));

        assertThat(egressProblems(files)).containsExactly("gecko.camel.yaml: route 'egress-gecko' calls"
                + " {{hub.booking.base-url}} directly; external systems are reached only through direct:egress-<system>");
    }

    @Test
    void reportAnEgressTemplateWrittenOutsideTheEgressFile() {
        List<RouteFile> files = List.of(RouteFile.parse("shortcut.camel.yaml", EGRESS),
                RouteFile.parse("gecko.camel.yaml", """
                        - templatedRoute:
                            routeTemplateRef: egress
                            routeId: egress-gecko
                            parameters:
                              - name: system
                                value: gecko
                              - name: baseUrl
                                value: "{{hub.booking.base-url}}"
                        """));

        assertThat(egressProblems(files)).containsExactly("shortcut.camel.yaml: route 'egress-gecko' calls"
                + " {{hub.booking.base-url}} directly; external systems are reached only through direct:egress-<system>");
    }

    @Test
    void reportATemplatedRouteThatIsNotAnEgressRouteCallingOut() {
        List<RouteFile> files = withGoodFiles(RouteFile.parse("gecko.camel.yaml", """
                - templatedRoute:
                    routeTemplateRef: egress
                    routeId: gecko-shortcut
                    parameters:
                      - name: system
                        value: gecko
                      - name: baseUrl
                        value: "{{hub.booking.base-url}}"
                """));

        assertThat(egressProblems(files)).containsExactly("egress.camel.yaml: route 'gecko-shortcut' calls"
                + " {{hub.booking.base-url}} directly; external systems are reached only through direct:egress-<system>");
    }

    @Test
    void reportAnExternalCallFromARouteConfiguration() {
        List<RouteFile> files = List.of(RouteFile.parse(ERROR_HANDLING_FILE, """
                - routeConfiguration:
                    id: notify-errors
                    onException:
                      - onException:
                          exception:
                            - java.lang.Exception
                          steps:
                            - to: https://hooks.example/alert
                """));

        assertThat(egressProblems(files)).containsExactly("error-handling.camel.yaml: a routeConfiguration"
                + " calls https://hooks.example/alert directly; external systems are reached only through"
                + " direct:egress-<system>");
    }

    @Test
    void reportAnEgressTargetThatNoRouteConsumes() {
        List<RouteFile> files = withGoodFiles(RouteFile.parse("consent-sync.camel.yaml",
                GOOD.replace("to: direct:egress-mailchimp", "to: direct:egress-mailchimp-upsert")));

        assertThat(egressProblems(files)).containsExactly("consent-sync.camel.yaml: route"
                + " 'consent-sync-process' sends to direct:egress-mailchimp-upsert, but no route consumes"
                + " direct:egress-mailchimp-upsert");
    }

    @Test
    void reportADestinationWhoseGuardRouteHasNoSendRoute() {
        List<RouteFile> files = List.of(RouteFile.parse("egress.camel.yaml", DestinationRegistrationTests.EGRESS),
                RouteFile.parse("acme.camel.yaml", """
                - templatedRoute:
                    routeTemplateRef: egress
                    routeId: egress-acme
                    parameters:
                      - name: system
                        value: acme
                """));

        assertThat(egressProblems(files)).containsExactly("egress.camel.yaml: route 'egress-acme' sends to"
                + " direct:egress-acme-send, but no route consumes direct:egress-acme-send");
    }
}
