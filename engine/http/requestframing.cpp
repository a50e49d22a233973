#include "requestframing.h"

#include <algorithm>
#include <array>

namespace durable::http {

namespace {

    // RFC 9110 5.6.2 tchar.
    bool isTokenChar(char c)
    {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
            return true;
        switch (c) {
        case '!':
        case '#':
        case '$':
        case '%':
        case '&':
        case '\'':
        case '*':
        case '+':
        case '-':
        case '.':
        case '^':
        case '_':
        case '`':
        case '|':
        case '~':
            return true;
        default:
            return false;
        }
    }

    bool isToken(QByteArrayView s)
    {
        if (s.isEmpty())
            return false;
        for (const char c : s)
            if (!isTokenChar(c))
                return false;
        return true;
    }

    int hexValue(char c)
    {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    }

    QByteArrayView trimmedOws(QByteArrayView s)
    {
        while (!s.isEmpty() && (s.front() == ' ' || s.front() == '\t'))
            s = s.sliced(1);
        while (!s.isEmpty() && (s.back() == ' ' || s.back() == '\t'))
            s.chop(1);
        return s;
    }

    // The methods the API serves (methods are case-sensitive). Anything else is answered 501
    // (RFC 9110 15.6.2) as soon as its bytes cannot begin one of these, so a client cannot hold a
    // connection with a request line that can never be served.
    constexpr std::array<QByteArrayView, 7> knownMethods
        = { "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS" };

    bool beginsKnownMethod(QByteArrayView prefix)
    {
        return std::any_of(knownMethods.begin(), knownMethods.end(),
                           [prefix](QByteArrayView m) { return m.startsWith(prefix); });
    }

    bool isKnownMethod(QByteArrayView method)
    {
        return std::find(knownMethods.begin(), knownMethods.end(), method) != knownMethods.end();
    }

    // A Content-Length has at most 18 digits so that it fits a qint64 without overflow.
    constexpr int maxLengthDigits = 18;
    // A chunk size has at most 15 hex digits (60 bits) for the same reason.
    constexpr int maxChunkSizeDigits = 15;
    // Chunk extensions are skipped, not kept; this bounds one chunk-size line.
    constexpr qsizetype maxChunkLineBytes = 1024;

} // namespace

QByteArray RequestHead::value(QByteArrayView lowerName) const
{
    for (const auto &[name, value] : headers)
        if (name == lowerName)
            return value;
    return {};
}

bool RequestHead::has(QByteArrayView lowerName) const
{
    for (const auto &header : headers)
        if (header.first == lowerName)
            return true;
    return false;
}

QByteArray RequestFraming::bodyTooLarge() const
{
    return "The request body exceeds the maximum of " + QByteArray::number(m_limits.maxBodyBytes) + " bytes.";
}

RequestFraming::RequestFraming(const FramingLimits &limits)
    : m_limits(limits)
{
}

RequestFraming::Step RequestFraming::fail(int status, const QByteArray &reason, qsizetype consumed)
{
    m_phase = Phase::Failed;
    m_status = status;
    m_reason = reason;
    m_line.clear();
    m_line.squeeze();
    return { Kind::Error, consumed };
}

RequestFraming::Step RequestFraming::feed(QByteArrayView data)
{
    switch (m_phase) {
    case Phase::Failed:
        return { Kind::Error, 0 };
    case Phase::Body:
        return feedBody(data);
    case Phase::Idle:
    case Phase::RequestLine:
    case Phase::Headers:
        return feedLine(data);
    }
    return { Kind::NeedMore, data.size() };
}

RequestFraming::Step RequestFraming::feedLine(QByteArrayView data)
{
    for (qsizetype i = 0; i < data.size(); ++i) {
        const char c = data[i];
        if (m_phase == Phase::Idle) {
            m_phase = Phase::RequestLine;
            m_head = RequestHead();
            m_methodSeen = false;
        }
        ++m_requestBytes;
        if (++m_headBytes > m_limits.maxHeadBytes)
            return fail(431, "The request line and headers exceed the maximum size.", i + 1);
        if (c != '\n') {
            if (!m_line.isEmpty() && m_line.back() == '\r')
                return fail(400, "A CR not followed by LF in the request head.", i + 1);
            const auto u = static_cast<unsigned char>(c);
            if ((u < 0x20 && c != '\t' && c != '\r') || u == 0x7f)
                return fail(400, "A control character in the request head.", i + 1);
            m_line.append(c);
            if (m_phase == Phase::RequestLine && c != '\r' && !m_methodSeen) {
                if (c == ' ') {
                    m_methodSeen = true;
                    if (!isKnownMethod(QByteArrayView(m_line).chopped(1)))
                        return fail(501, "The request method is not supported.", i + 1);
                } else if (!beginsKnownMethod(m_line)) {
                    return fail(501, "The request method is not supported.", i + 1);
                }
            }
            continue;
        }
        if (m_line.isEmpty() || m_line.back() != '\r')
            return fail(400, "A line of the request head ends with a bare LF instead of CRLF.", i + 1);
        m_line.chop(1);
        const QByteArray line = m_line;
        m_line.clear();
        if (m_phase == Phase::RequestLine) {
            if (line.isEmpty())
                continue; // empty lines before the request line are skipped (RFC 9112 2.2)
            if (!parseRequestLine(line))
                return { Kind::Error, i + 1 };
            m_phase = Phase::Headers;
            continue;
        }
        if (!line.isEmpty()) {
            if (!parseHeaderLine(line))
                return { Kind::Error, i + 1 };
            continue;
        }
        if (!finishHead())
            return { Kind::Error, i + 1 };
        m_phase = Phase::Body;
        m_headBytes = 0;
        m_line.squeeze();
        return { Kind::HeadComplete, i + 1 };
    }
    return { Kind::NeedMore, data.size() };
}

bool RequestFraming::parseRequestLine(const QByteArray &line)
{
    const qsizetype first = line.indexOf(' ');
    const qsizetype second = first < 0 ? -1 : line.indexOf(' ', first + 1);
    if (first <= 0 || second < 0 || line.indexOf(' ', second + 1) >= 0 || second == first + 1) {
        fail(400, "The request line is not METHOD SP TARGET SP VERSION.", 0);
        return false;
    }
    const QByteArray method = line.left(first);
    const QByteArray target = line.mid(first + 1, second - first - 1);
    const QByteArray version = line.mid(second + 1);
    if (!isToken(method)) {
        fail(400, "The request method is not a token.", 0);
        return false;
    }
    m_head.method = method;
    for (const char c : target) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f) {
            fail(400, "The request target contains a character that must be percent-encoded.", 0);
            return false;
        }
    }
    if (!(target.startsWith('/') || target == "*")) {
        fail(400, "The request target must be a path (origin-form).", 0);
        return false;
    }
    m_head.target = target;
    if (version == "HTTP/1.1") {
        m_head.minorVersion = 1;
    } else if (version == "HTTP/1.0") {
        m_head.minorVersion = 0;
    } else {
        fail(400, "Only HTTP/1.0 and HTTP/1.1 are supported.", 0);
        return false;
    }
    return true;
}

bool RequestFraming::parseHeaderLine(const QByteArray &line)
{
    if (line.front() == ' ' || line.front() == '\t') {
        fail(400, "Folded header lines (obs-fold) are not accepted.", 0);
        return false;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon < 0) {
        fail(400, "A header line without a colon.", 0);
        return false;
    }
    const QByteArrayView name = QByteArrayView(line).first(colon);
    if (!name.isEmpty() && (name.back() == ' ' || name.back() == '\t')) {
        fail(400, "White space between a header name and its colon.", 0);
        return false;
    }
    if (!isToken(name)) {
        fail(400, "A header name that is not a token.", 0);
        return false;
    }
    if (m_head.headers.size() >= m_limits.maxHeaderCount) {
        fail(431, "The request has too many header lines.", 0);
        return false;
    }
    m_head.headers.append(
        { name.toByteArray().toLower(), trimmedOws(QByteArrayView(line).sliced(colon + 1)).toByteArray() });
    return true;
}

bool RequestFraming::finishHead()
{
    int hosts = 0;
    QByteArray codings;
    bool hasTransferEncoding = false;
    bool hasLength = false;
    qint64 length = -1;
    for (const auto &[name, value] : m_head.headers) {
        if (name == "host") {
            ++hosts;
        } else if (name == "transfer-encoding") {
            hasTransferEncoding = true;
            codings += value + ',';
        } else if (name == "content-length") {
            // Exactly once, one number. RFC 9110 8.6 lets a recipient accept a list of equal
            // values, but Qt HttpServer's parser reads the request after this one, and the strict
            // form leaves it no room to find a different end.
            if (hasLength) {
                fail(400, "Content-Length given more than once.", 0);
                return false;
            }
            hasLength = true;
            if (value.isEmpty() || value.size() > maxLengthDigits) {
                fail(400, "Content-Length is not a decimal number.", 0);
                return false;
            }
            length = 0;
            for (const char c : value) {
                if (c < '0' || c > '9') {
                    fail(400, "Content-Length is not a decimal number.", 0);
                    return false;
                }
                length = length * 10 + (c - '0');
            }
        }
    }
    if (m_head.minorVersion == 1 && hosts != 1) {
        fail(400, hosts == 0 ? "An HTTP/1.1 request without a Host header." : "More than one Host header.", 0);
        return false;
    }
    if (hosts > 1) {
        fail(400, "More than one Host header.", 0);
        return false;
    }
    if (hasTransferEncoding) {
        if (hasLength) {
            fail(400, "Both Content-Length and Transfer-Encoding.", 0);
            return false;
        }
        if (m_head.minorVersion == 0) {
            fail(400, "Transfer-Encoding in an HTTP/1.0 request.", 0);
            return false;
        }
        int elements = 0;
        bool chunked = false;
        for (const QByteArray &element : codings.split(',')) {
            const QByteArrayView coding = trimmedOws(element);
            if (coding.isEmpty())
                continue;
            ++elements;
            chunked = coding.toByteArray().toLower() == "chunked";
        }
        if (elements != 1 || !chunked) {
            fail(400, "The only transfer coding accepted is chunked.", 0);
            return false;
        }
        m_head.chunked = true;
        m_chunk = Chunk::Size;
        m_remaining = 0;
        m_sizeDigits = 0;
        m_bodyBytes = 0;
        return true;
    }
    m_head.contentLength = std::max<qint64>(length, 0);
    if (m_head.contentLength > m_limits.maxBodyBytes) {
        fail(413, bodyTooLarge(), 0);
        return false;
    }
    m_remaining = m_head.contentLength;
    return true;
}

RequestFraming::Step RequestFraming::feedBody(QByteArrayView data)
{
    auto complete = [this](qsizetype consumed) {
        m_phase = Phase::Idle;
        m_requestBytes = 0;
        m_headBytes = 0;
        m_line.clear();
        m_line.squeeze();
        return Step { Kind::RequestComplete, consumed };
    };
    if (!m_head.chunked) {
        const qint64 take = std::min<qint64>(m_remaining, data.size());
        m_remaining -= take;
        m_requestBytes += take;
        if (m_remaining == 0)
            return complete(take);
        return { Kind::NeedMore, data.size() };
    }
    qsizetype i = 0;
    while (i < data.size()) {
        if (m_chunk == Chunk::Data) {
            const qint64 take = std::min<qint64>(m_remaining, data.size() - i);
            m_remaining -= take;
            m_requestBytes += take;
            i += take;
            if (m_remaining == 0)
                m_chunk = Chunk::DataCr;
            continue;
        }
        const char c = data[i++];
        ++m_requestBytes;
        switch (m_chunk) {
        case Chunk::Size: {
            const int digit = hexValue(c);
            if (digit >= 0) {
                if (++m_sizeDigits > maxChunkSizeDigits)
                    return fail(400, "A chunk size is too long.", i);
                m_remaining = m_remaining * 16 + digit;
            } else if (m_sizeDigits > 0 && (c == ';' || c == ' ' || c == '\t')) {
                m_chunk = Chunk::Extension;
                m_headBytes = m_sizeDigits + 1;
            } else if (m_sizeDigits > 0 && c == '\r') {
                m_chunk = Chunk::SizeLf;
            } else {
                return fail(400, "A malformed chunk size.", i);
            }
            break;
        }
        case Chunk::Extension: {
            const auto u = static_cast<unsigned char>(c);
            if (c == '\r') {
                m_chunk = Chunk::SizeLf;
            } else if ((u < 0x20 && c != '\t') || u == 0x7f) {
                return fail(400, "A control character in a chunk extension.", i);
            } else if (++m_headBytes > maxChunkLineBytes) {
                return fail(400, "A chunk extension is too long.", i);
            }
            break;
        }
        case Chunk::SizeLf:
            if (c != '\n')
                return fail(400, "A chunk size line does not end with CRLF.", i);
            if (m_remaining == 0) {
                m_chunk = Chunk::Trailer;
                m_headBytes = 0;
                m_line.clear();
            } else {
                if (m_remaining > m_limits.maxBodyBytes - m_bodyBytes)
                    return fail(413, bodyTooLarge(), i);
                m_bodyBytes += m_remaining;
                m_chunk = Chunk::Data;
            }
            break;
        case Chunk::DataCr:
            if (c != '\r')
                return fail(400, "Chunk data is not followed by CRLF.", i);
            m_chunk = Chunk::DataLf;
            break;
        case Chunk::DataLf:
            if (c != '\n')
                return fail(400, "Chunk data is not followed by CRLF.", i);
            m_chunk = Chunk::Size;
            m_sizeDigits = 0;
            m_remaining = 0;
            break;
        case Chunk::Trailer: {
            if (++m_headBytes > m_limits.maxHeadBytes)
                return fail(431, "The chunked body's trailer exceeds the maximum size.", i);
            if (c != '\n') {
                const auto u = static_cast<unsigned char>(c);
                if (!m_line.isEmpty() && m_line.back() == '\r')
                    return fail(400, "A CR not followed by LF in the trailer.", i);
                if ((u < 0x20 && c != '\t' && c != '\r') || u == 0x7f)
                    return fail(400, "A control character in the trailer.", i);
                m_line.append(c);
                break;
            }
            if (m_line.isEmpty() || m_line.back() != '\r')
                return fail(400, "A trailer line ends with a bare LF instead of CRLF.", i);
            m_line.chop(1);
            if (m_line.isEmpty())
                return complete(i);
            if (!checkTrailerLine(m_line))
                return { Kind::Error, i };
            m_line.clear();
            break;
        }
        case Chunk::Data:
            break;
        }
    }
    return { Kind::NeedMore, data.size() };
}

bool RequestFraming::checkTrailerLine(const QByteArray &line)
{
    // Trailer fields are checked like header lines and then dropped (nothing here uses them).
    if (line.front() == ' ' || line.front() == '\t') {
        fail(400, "Folded trailer lines are not accepted.", 0);
        return false;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon < 0 || !isToken(QByteArrayView(line).first(colon))) {
        fail(400, "A malformed trailer line.", 0);
        return false;
    }
    return true;
}

} // namespace durable::http
