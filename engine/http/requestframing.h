#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>

namespace durable::http {

/// Limits the framing validator enforces; the server fills them from ApiServerOptions.
struct FramingLimits {
    /// Request line + header lines + the blank line (and, separately, a chunked body's trailer).
    qsizetype maxHeadBytes = 16 * 1024;
    int maxHeaderCount = 100;
    /// Content-Length above this, or chunks adding up to more: 413.
    qint64 maxBodyBytes = 4 * 1024 * 1024;
};

/// The request line and headers of one request, as validated (header names in lower case,
/// values without surrounding white space, in arrival order).
struct RequestHead {
    QByteArray method;
    QByteArray target; ///< origin-form ("/path?query") or "*"
    int minorVersion = 1; ///< HTTP/1.0 or HTTP/1.1
    QList<QPair<QByteArray, QByteArray>> headers;
    qint64 contentLength = 0; ///< of a body framed by Content-Length (0 when chunked or absent)
    bool chunked = false;

    /// The first value of the header `lowerName`; empty when absent.
    QByteArray value(QByteArrayView lowerName) const;
    bool has(QByteArrayView lowerName) const;
};

/// A streaming, strict validator of HTTP/1.x request framing (RFC 9112), independent of any
/// socket: feed it the bytes a client sends, in any pieces, and it reports where each request's
/// head and whole request end, or the first framing error. The API server runs it in front of
/// Qt HttpServer's lenient parser so that only correctly framed requests reach that parser:
/// an ambiguous boundary (a body read as a second request, a request hidden in a header) is
/// answered 400 before anything runs.
///
/// Accepted: `METHOD SP origin-form SP HTTP/1.0|HTTP/1.1 CRLF`, header lines `name:OWS value OWS
/// CRLF` with a token name, values of visible ASCII, SP, HTAB and obs-text (0x80-0xFF), a blank
/// line, then a body framed by one Content-Length header holding one number, or by
/// `Transfer-Encoding: chunked` alone (HTTP/1.1 only). Empty lines before a request line are
/// skipped (RFC 9112 2.2). HTTP/1.1 needs exactly one Host header.
/// Refused with 400: any other version, a target that is not origin-form or "*", bare LF line
/// ends, control characters (NUL, CR or LF outside a line end, DEL, ...), a header line without
/// a colon, white space before the colon, obs-fold (a line starting with SP or HTAB), an empty or
/// non-numeric Content-Length (`abc`, `-1`, `1e3`, `+5`, a list `5, 5`), a repeated Content-Length, both
/// Content-Length and Transfer-Encoding, any transfer coding but `chunked`, a malformed chunk
/// size or chunk end. 431: the head exceeds maxHeadBytes or maxHeaderCount. 413: a body larger
/// than maxBodyBytes (announced or chunked). 501: a method other than GET, HEAD, POST, PUT, DELETE,
/// PATCH and OPTIONS, as soon as the bytes received cannot begin one of these.
///
/// Contract (a fuzz target relies on it): any byte sequence is safe; memory is bounded by
/// maxHeadBytes plus a constant (bodies are counted, never kept); every call returns after a
/// finite amount of work. After an error the validator stays in the error state.
class RequestFraming {
public:
    enum class Kind {
        NeedMore, ///< every byte given was consumed; nothing else to report
        HeadComplete, ///< head() is the new request's head; its body (if any) follows
        RequestComplete, ///< the request (head and body) ended at this point of the input
        Error, ///< a framing error: answer status() and close
    };
    struct Step {
        Kind kind = Kind::NeedMore;
        qsizetype consumed = 0; ///< bytes of the given input used up to this event
    };
    enum class Phase { Idle, RequestLine, Headers, Body, Failed };

    explicit RequestFraming(const FramingLimits &limits = {});

    /// Consumes `data` up to the next event (or all of it: NeedMore). Call again with the rest
    /// (possibly empty) until NeedMore: a request without a body reports HeadComplete and then
    /// RequestComplete with nothing consumed.
    Step feed(QByteArrayView data);

    Phase phase() const { return m_phase; }
    /// The last completed head (valid from HeadComplete until the next one).
    const RequestHead &head() const { return m_head; }
    /// Request line parts as soon as the line is complete (also when a later header fails), for logs.
    const QByteArray &method() const { return m_head.method; }
    const QByteArray &target() const { return m_head.target; }
    /// Bytes of the request in progress received so far (0 between requests).
    qint64 requestBytes() const { return m_requestBytes; }
    /// After Error: 400, 413, 431 or 501, and a one-line reason in English.
    int status() const { return m_status; }
    const QByteArray &reason() const { return m_reason; }

private:
    enum class Chunk { Size, Extension, SizeLf, Data, DataCr, DataLf, Trailer };
    Step fail(int status, const QByteArray &reason, qsizetype consumed);
    QByteArray bodyTooLarge() const;
    Step feedLine(QByteArrayView data);
    Step feedBody(QByteArrayView data);
    bool parseRequestLine(const QByteArray &line);
    bool parseHeaderLine(const QByteArray &line);
    bool finishHead();
    bool checkTrailerLine(const QByteArray &line);

    FramingLimits m_limits;
    Phase m_phase = Phase::Idle;
    RequestHead m_head;
    QByteArray m_line; ///< the current line (head or trailer), at most maxHeadBytes
    qsizetype m_headBytes = 0; ///< head (or trailer) bytes so far, CRLFs included
    qint64 m_requestBytes = 0;
    bool m_completePending = false;
    bool m_methodSeen = false; ///< the request line's first SP has arrived
    // Body state.
    qint64 m_remaining = 0; ///< of Content-Length, or of the current chunk
    qint64 m_bodyBytes = 0;
    Chunk m_chunk = Chunk::Size;
    int m_sizeDigits = 0;
    int m_status = 0;
    QByteArray m_reason;
};

} // namespace durable::http
