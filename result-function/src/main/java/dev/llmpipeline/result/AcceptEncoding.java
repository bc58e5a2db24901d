package dev.llmpipeline.result;

import java.util.Locale;

/**
 * What a request's {@code Accept-Encoding} header allows, per RFC 9110 section 12.5.3: a list of codings, each with
 * an optional weight ({@code ;q=0} to {@code ;q=1}, default 1). A coding named in the list is acceptable when its
 * weight is above 0; {@code *} stands for every coding not named. A weight that cannot be read counts as 0, so a
 * malformed header never gets a compressed answer.
 */
final class AcceptEncoding {
    private static final double NOT_LISTED = -1;

    private AcceptEncoding() {
    }

    /** Whether a client that sent {@code header} (null when absent) accepts a gzip-coded body. */
    static boolean acceptsGzip(String header) {
        if (header == null) {
            return false; // RFC 9110 would allow any coding, but a client that says nothing gets what it asked for
        }
        double gzip = NOT_LISTED;
        double any = NOT_LISTED;
        for (String element : header.split(",")) {
            String[] parts = element.split(";");
            String coding = parts[0].trim().toLowerCase(Locale.ROOT);
            double weight = weight(parts);
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                gzip = Math.max(weight, gzip);
            } else if (coding.equals("*")) {
                any = weight;
            }
        }
        return (gzip != NOT_LISTED ? gzip : any) > 0;
    }

    private static double weight(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (parameter.length() > 2 && parameter.substring(0, 2).equalsIgnoreCase("q=")) {
                try {
                    double weight = Double.parseDouble(parameter.substring(2).trim());
                    return weight >= 0 && weight <= 1 ? weight : 0;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
