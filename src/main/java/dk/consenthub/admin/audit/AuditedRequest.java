package dk.consenthub.admin.audit;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.SequenceInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A JSON request whose body the audit can read after the handler did: the first bytes are read ahead and handed
 * on unchanged, followed by the rest of the stream. A body larger than the read-ahead is passed on, not audited.
 */
final class AuditedRequest extends HttpServletRequestWrapper {

    private static final int READ_AHEAD = 64 * 1024;

    private final byte[] head;
    private final boolean complete;
    private ServletInputStream stream;

    private AuditedRequest(HttpServletRequest request, byte[] head, boolean complete) {
        super(request);
        this.head = head;
        this.complete = complete;
    }

    static HttpServletRequest of(HttpServletRequest request) throws IOException {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).contains("json")) {
            return request;
        }
        byte[] head = request.getInputStream().readNBytes(READ_AHEAD + 1);
        boolean complete = head.length <= READ_AHEAD;
        return new AuditedRequest(request, head, complete);
    }

    /** The whole JSON body, or null when it was not JSON or too large to keep. */
    static byte[] jsonBody(HttpServletRequest request) {
        while (request instanceof HttpServletRequestWrapper wrapper) {
            if (wrapper instanceof AuditedRequest audited) {
                return audited.complete ? audited.head : null;
            }
            request = (HttpServletRequest) wrapper.getRequest();
        }
        return null;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (stream == null) {
            InputStream rest = complete ? InputStream.nullInputStream() : super.getInputStream();
            stream = new Replayed(new SequenceInputStream(new ByteArrayInputStream(head), rest));
        }
        return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
        String encoding = getCharacterEncoding();
        Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }

    private static final class Replayed extends ServletInputStream {

        private final InputStream in;
        private boolean finished;

        Replayed(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            finished = b < 0;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            finished = n < 0;
            return n;
        }

        @Override
        public boolean isFinished() {
            return finished;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException("the audited body is read blocking");
        }
    }
}
