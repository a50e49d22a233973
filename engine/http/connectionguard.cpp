#include "connectionguard.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QLoggingCategory>
#include <QSet>
#include <QTcpSocket>
#include <QTimer>

#include <optional>

#include <sys/socket.h>

Q_DECLARE_LOGGING_CATEGORY(lcHttpApi)

namespace durable::http {

namespace {

    constexpr const char *connectionProperty = "durableConnection";
    constexpr int maxAnsweredRefusals = 32;

    QByteArray reasonPhrase(int status)
    {
        switch (status) {
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 408:
            return "Request Timeout";
        case 413:
            return "Payload Too Large";
        case 421:
            return "Misdirected Request";
        case 431:
            return "Request Header Fields Too Large";
        case 501:
            return "Not Implemented";
        case 503:
            return "Service Unavailable";
        default:
            return "Error";
        }
    }

    // How long a refused connection may keep sending what is then dropped.
    constexpr int lingerMs = 2000;

    /// Writes `reply` as a complete HTTP/1.1 answer and ends the connection so that the client can
    /// read it: closing with unread input makes the kernel send RST, and a client still sending
    /// (a large body, endless headers) would lose the answer. So the write side is shut down once
    /// the answer is out, further input is read and dropped (never kept), and the socket is
    /// aborted when the client closes or after lingerMs.
    void writeClosingReply(QTcpSocket *socket, const HttpReply &reply)
    {
        QByteArray out = "HTTP/1.1 " + QByteArray::number(reply.status) + ' ' + reasonPhrase(reply.status) + "\r\n";
        for (const auto &[name, value] : reply.headers)
            out += name + ": " + value + "\r\n";
        if (!reply.contentType.isEmpty())
            out += "Content-Type: " + reply.contentType + "\r\n";
        out += "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\nConnection: close\r\n\r\n";
        out += reply.body;
        socket->write(out);
        if (socket->isTransactionStarted())
            socket->commitTransaction(); // the HTTP server's partial request: drop it too
        socket->setReadBufferSize(64 * 1024);
        const auto drop = [socket] { socket->skip(socket->bytesAvailable()); };
        QObject::connect(socket, &QTcpSocket::readyRead, socket, drop);
        drop();
        const auto shutWrite = [socket] {
            if (socket->bytesToWrite() == 0 && socket->socketDescriptor() >= 0)
                ::shutdown(int(socket->socketDescriptor()), SHUT_WR);
        };
        QObject::connect(socket, &QTcpSocket::bytesWritten, socket, shutWrite);
        shutWrite();
        // Deleted here, not only through the HTTP server's disconnected -> deleteLater, which
        // is gone when Qt's parser dropped the socket's signal connections (see checkParser()).
        QTimer::singleShot(lingerMs, socket, [socket] {
            socket->abort();
            socket->deleteLater();
        });
    }

    class Connection;

} // namespace

struct GuardedTcpServer::Shared {
    GuardOptions options;
    Admit admit;
    Log log;
    QHash<QHostAddress, int> perAddress;
    QSet<Connection *> live;
    int refusing = 0; ///< over-cap connections still being answered 503
    bool acceptFailing = false;
    bool refusalLogged = false;
};

namespace {

    /// The watch over one socket: a child of the socket, gone with it.
    class Connection final : public QObject {
    public:
        Connection(QTcpSocket *socket, std::shared_ptr<GuardedTcpServer::Shared> shared)
            : QObject(socket)
            , m_socket(socket)
            , m_shared(std::move(shared))
            , m_framing(m_shared->options.framing)
            , m_peer(socket->peerAddress())
        {
            ++m_shared->perAddress[m_peer];
            m_shared->live.insert(this);
            socket->setProperty(connectionProperty, QVariant::fromValue(static_cast<QObject *>(this)));
            m_timer.setSingleShot(true);
            QObject::connect(&m_timer, &QTimer::timeout, this, [this] { timedOut(); });
            m_watch = QObject::connect(socket, &QTcpSocket::readyRead, this, [this] { inspect(); });
            updateTimer();
        }
        ~Connection() override
        {
            m_shared->live.remove(this);
            if (--m_shared->perAddress[m_peer] <= 0)
                m_shared->perAddress.remove(m_peer);
        }

        static Connection *of(QTcpSocket *socket)
        {
            return static_cast<Connection *>(socket->property(connectionProperty).value<QObject *>());
        }

        qint64 heldBytes() const { return m_closing ? 0 : m_framing.requestBytes(); }

        void answered()
        {
            if (m_inFlight > 0)
                --m_inFlight;
            if (m_pendingRefusal && m_inFlight == 0) {
                writeClosingReply(m_socket, *m_pendingRefusal);
                m_pendingRefusal.reset();
                return;
            }
            updateTimer();
        }

    private:
        void inspect()
        {
            if (m_closing)
                return;
            const qint64 available = m_socket->bytesAvailable();
            if (available <= 0)
                return;
            // Qt's parser has not read these yet: it reads everything available after this slot.
            const QByteArray data = m_socket->peek(available);
            // Qt's parser reads after this slot. Should it give up on what framed correctly here,
            // it may drop all of the socket's signal connections (ours too) and leave the socket
            // open with nobody to close it: checked once it has run.
            QMetaObject::invokeMethod(
                this, [this] { checkParser(); }, Qt::QueuedConnection);
            QByteArrayView rest(data);
            for (;;) {
                if (m_framing.phase() == RequestFraming::Phase::Idle && !rest.isEmpty()) {
                    m_started.start();
                    m_headTimed = false;
                }
                const RequestFraming::Step step = m_framing.feed(rest);
                rest = rest.sliced(step.consumed);
                switch (step.kind) {
                case RequestFraming::Kind::NeedMore:
                    updateTimer();
                    return;
                case RequestFraming::Kind::HeadComplete:
                    if (auto reply = m_shared->admit(m_framing.head(), m_socket))
                        return refuse(*reply);
                    break;
                case RequestFraming::Kind::RequestComplete:
                    ++m_inFlight;
                    break;
                case RequestFraming::Kind::Error:
                    return refuse(HttpReply::message(m_framing.status(), QString::fromLatin1(m_framing.reason())));
                }
            }
        }

        void checkParser()
        {
            if (!m_closing && !m_watch)
                refuse(HttpReply::message(400, QStringLiteral("The request could not be parsed.")));
        }

        void refuse(const HttpReply &reply)
        {
            m_closing = true;
            m_timer.stop();
            // Qt's parser never reads this chunk, nor anything after it.
            QObject::disconnect(m_socket, &QTcpSocket::readyRead, nullptr, nullptr);
            if (m_inFlight > 0) {
                // An earlier request's answer is still to come: the refusal follows it, or the
                // client would take the refusal for that answer.
                m_pendingRefusal = reply;
            } else {
                writeClosingReply(m_socket, reply);
            }
            if (!m_framing.method().isEmpty() && m_shared->log)
                m_shared->log(m_framing.method(), m_framing.target(), reply.status, m_started.elapsed());
        }

        void updateTimer()
        {
            if (m_closing)
                return;
            const GuardOptions &o = m_shared->options;
            switch (m_framing.phase()) {
            case RequestFraming::Phase::RequestLine:
            case RequestFraming::Phase::Headers:
                // Runs from the head's first byte: trickling bytes do not extend it.
                if (!m_headTimed) {
                    m_headTimed = true;
                    m_timer.start(o.headerTimeoutMs);
                }
                break;
            case RequestFraming::Phase::Body:
                m_timer.start(o.idleTimeoutMs); // progress since the last chunk
                break;
            case RequestFraming::Phase::Idle:
                if (m_inFlight == 0)
                    m_timer.start(o.idleTimeoutMs);
                else
                    m_timer.stop(); // an answer is being prepared (a long wait is fine)
                break;
            case RequestFraming::Phase::Failed:
                m_timer.stop();
                break;
            }
        }

        void timedOut()
        {
            if (m_closing)
                return;
            if (m_framing.phase() == RequestFraming::Phase::Idle) {
                if (m_inFlight == 0) {
                    m_closing = true;
                    QObject::disconnect(m_socket, &QTcpSocket::readyRead, nullptr, nullptr);
                    m_socket->disconnectFromHost();
                    QTimer::singleShot(lingerMs, m_socket, [socket = m_socket] {
                        socket->abort();
                        socket->deleteLater();
                    });
                }
                return;
            }
            refuse(HttpReply::message(408, QStringLiteral("The request did not arrive in time.")));
        }

        QTcpSocket *m_socket;
        std::shared_ptr<GuardedTcpServer::Shared> m_shared;
        RequestFraming m_framing;
        QHostAddress m_peer;
        QTimer m_timer;
        QElapsedTimer m_started;
        QMetaObject::Connection m_watch; ///< false once Qt's parser dropped the socket's connections
        std::optional<HttpReply> m_pendingRefusal;
        int m_inFlight = 0;
        bool m_headTimed = false;
        bool m_closing = false;
    };

} // namespace

GuardedTcpServer::GuardedTcpServer(const GuardOptions &options, Admit admit, Log log, QObject *parent)
    : QTcpServer(parent)
    , m_shared(std::make_shared<Shared>())
{
    m_shared->options = options;
    m_shared->admit = std::move(admit);
    m_shared->log = std::move(log);
    // QTcpServer stops accepting for good on an accept error other than a temporary one, e.g.
    // EMFILE when file descriptors run out: the API would stay deaf after a flood. Try again.
    connect(this, &QTcpServer::acceptError, this, [this] {
        if (!m_shared->acceptFailing)
            qCWarning(lcHttpApi, "Cannot accept connections: %s. Retrying.", qPrintable(errorString()));
        m_shared->acceptFailing = true;
        QTimer::singleShot(100, this, [this] { resumeAccepting(); });
    });
}

GuardedTcpServer::~GuardedTcpServer()
{
    // Sockets (our children) outlive this body; their watches keep `m_shared` alive. The hooks
    // refer to the API server, which is going away: drop them.
    m_shared->admit = [](const RequestHead &, QTcpSocket *) { return std::optional<HttpReply>(HttpReply::empty(503)); };
    m_shared->log = {};
}

int GuardedTcpServer::connectionCount() const
{
    return int(m_shared->live.size());
}

qint64 GuardedTcpServer::heldRequestBytes() const
{
    qint64 sum = 0;
    for (const Connection *c : std::as_const(m_shared->live))
        sum += c->heldBytes();
    return sum;
}

void GuardedTcpServer::answerWritten(QTcpSocket *socket)
{
    if (Connection *c = Connection::of(socket))
        c->answered();
}

void GuardedTcpServer::incomingConnection(qintptr descriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    const GuardOptions &o = m_shared->options;
    const QHostAddress peer = socket->peerAddress();
    if (m_shared->live.size() >= o.maxConnections || m_shared->perAddress.value(peer) >= o.maxConnectionsPerAddress) {
        // Never handed to the HTTP server: answered, closed and deleted here. Answering lingers
        // (see writeClosingReply), so under a flood of connections only a few are answered and
        // the rest closed at once: file descriptors must not run out.
        if (m_shared->refusing >= maxAnsweredRefusals) {
            socket->abort();
            delete socket;
            return;
        }
        ++m_shared->refusing;
        QObject::connect(socket, &QObject::destroyed, socket, [shared = m_shared] { --shared->refusing; });
        QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        writeClosingReply(socket, HttpReply::message(503, QStringLiteral("Too many connections; try again later.")));
        // Once per flood: a line per refusal would flood the log (and block on a full stderr pipe).
        if (!m_shared->refusalLogged)
            qCWarning(lcHttpApi, "Refusing connections: %d open, %d from %s (limits %d and %d).",
                      int(m_shared->live.size()), m_shared->perAddress.value(peer), qPrintable(peer.toString()),
                      o.maxConnections, o.maxConnectionsPerAddress);
        m_shared->refusalLogged = true;
        return;
    }
    m_shared->acceptFailing = false;
    m_shared->refusalLogged = false;
    // Watched before the HTTP server connects its own readyRead slot, so ours runs first.
    new Connection(socket, m_shared);
    addPendingConnection(socket);
}

} // namespace durable::http
