package dk.consenthub.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Gecko "Kunde: Stamdata opdateret" template deliveries, as a clinic would configure them. */
public final class GeckoPayloads {

    private GeckoPayloads() {
    }

    public static Map<String, Object> customer(String id, String email, Object acceptsEmail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("CUSTOMERID", id);
        body.put("CUSTOMERNAME", "Mette Hansen");
        body.put("CUSTOMERFIRSTNAME", "Mette");
        body.put("CUSTOMERLASTNAME", "Hansen");
        body.put("CUSTOMEREMAIL", email);
        body.put("CUSTOMERMOBILE", "+45 20 30 40 50");
        body.put("CUSTOMERPOSTALCODE", "2100");
        body.put("CUSTOMERBIRTHDAY", "1990-01-01");
        body.put("CUSTOMERACCEPTSMARKETINGEMAIL", acceptsEmail);
        body.put("CUSTOMERACCEPTSMARKETINGSMS", "0");
        body.put("CUSTOMERTAGS", List.of(Map.of("CUSTOMERTAGID", "7", "CUSTOMERTAGNAME", "VIP", "CUSTOMERTAGVALUE", "")));
        return body;
    }
}
