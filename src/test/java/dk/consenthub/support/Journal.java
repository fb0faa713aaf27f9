package dk.consenthub.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;

/** Reads a sandbox server's request journal: the requests that really left the hub. */
public final class Journal {

    private Journal() {
    }

    /** In the order they arrived (WireMock lists the newest first). */
    public static List<LoggedRequest> requests(WireMockServer server) {
        List<LoggedRequest> requests = new java.util.ArrayList<>(server.getAllServeEvents().stream()
                .map(e -> e.getRequest()).map(LoggedRequest.class::cast).toList());
        java.util.Collections.reverse(requests);
        return requests;
    }

    public static List<LoggedRequest> requests(WireMockServer server, Predicate<LoggedRequest> filter) {
        return requests(server).stream().filter(filter).toList();
    }

    public static Predicate<LoggedRequest> to(String method, String urlPrefix) {
        return r -> r.getMethod().getName().equals(method) && r.getUrl().startsWith(urlPrefix);
    }

    /** Everything a request carried: URL, headers and body, as one text to search. */
    public static String everything(LoggedRequest request) {
        return request.getUrl() + "\n" + request.getHeaders() + "\n"
                + new String(request.getBody(), StandardCharsets.UTF_8);
    }
}
