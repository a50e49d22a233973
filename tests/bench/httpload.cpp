// http-load: see httpload.h. One QNetworkAccessManager per client keeps exactly one keep-alive
// connection with one request in flight, so N clients are N connections that never idle during
// the run (the server may cap connections and idle time; we stay within 32 and busy).
#include "httpload.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

namespace bench {
namespace {

    enum Kind { Start, Status, Query, Raise, Terminate, Purge, KindCount };
    const char *const kindNames[KindCount] = { "start", "status", "query", "raise", "terminate", "purge" };

    struct Answer {
        int status = 0; ///< 0: no HTTP answer (connection error)
        QByteArray body;
        QByteArray continuation;
    };

    class Load {
    public:
        Load(QString base, QByteArray key, int clients)
            : m_base(std::move(base))
            , m_key(std::move(key))
        {
            for (int i = 0; i < clients; ++i) {
                m_clients.push_back(std::make_unique<QNetworkAccessManager>());
                m_clients.back()->setProxy(QNetworkProxy::NoProxy); // loopback, whatever http_proxy says
            }
        }

        /// Every client issues requests back to back until `seconds` have passed.
        void run(double seconds)
        {
            QEventLoop loop;
            m_running = int(m_clients.size());
            m_deadline.start();
            m_seconds = seconds;
            m_loop = &loop;
            for (auto &client : m_clients)
                next(client.get());
            loop.exec();
            m_wall = m_deadline.nsecsElapsed() / 1e9;
            m_clients.clear(); // closes the connections: none is left idle
        }

        /// A request answered synchronously (the checks after the run), on a connection of its own.
        Answer send(const QByteArray &method, const QString &path, const QByteArray &body = {},
                    const QByteArray &continuation = {})
        {
            if (!m_checker) {
                m_checker = std::make_unique<QNetworkAccessManager>();
                m_checker->setProxy(QNetworkProxy::NoProxy);
            }
            QNetworkReply *reply = issue(m_checker.get(), method, path, body, continuation);
            QEventLoop loop;
            QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
            loop.exec();
            return take(reply);
        }

        void printFigures(bool json, const QString &sync, int clients) const;
        bool check(double settleSeconds);

    private:
        QNetworkReply *issue(QNetworkAccessManager *manager, const QByteArray &method, const QString &path,
                             const QByteArray &body, const QByteArray &continuation = {}) const
        {
            QNetworkRequest request(QUrl(m_base + path));
            request.setRawHeader("x-functions-key", m_key);
            if (!continuation.isEmpty())
                request.setRawHeader("x-ms-continuation-token", continuation);
            if (!body.isEmpty())
                request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
            return manager->sendCustomRequest(request, method, body);
        }

        static Answer take(QNetworkReply *reply)
        {
            Answer a;
            a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            a.body = reply->readAll();
            a.continuation = reply->rawHeader("x-ms-continuation-token");
            reply->deleteLater();
            return a;
        }

        template<typename T>
        static T pick(QList<T> &pool, bool remove)
        {
            const auto i = qsizetype(QRandomGenerator::global()->bounded(quint32(pool.size())));
            return remove ? pool.takeAt(i) : pool.at(i);
        }

        void next(QNetworkAccessManager *client)
        {
            if (m_deadline.nsecsElapsed() / 1e9 >= m_seconds) {
                if (--m_running == 0)
                    m_loop->quit();
                return;
            }
            // The mix: 25 % starts, 30 % status, 10 % queries, 15 % raises, 10 % terminates, 10 % purges;
            // an operation without a candidate instance becomes a status request.
            const quint32 draw = QRandomGenerator::global()->bounded(100u);
            Kind kind = draw < 25 ? Start
                : draw < 55       ? Status
                : draw < 65       ? Query
                : draw < 80       ? Raise
                : draw < 90       ? Terminate
                                  : Purge;
            if ((kind == Raise || kind == Terminate) && m_waiting.isEmpty())
                kind = Status;
            if (kind == Purge && m_finished.isEmpty())
                kind = Status;
            if (kind == Status && m_started.isEmpty())
                kind = Start;
            QByteArray method = "GET", body;
            QString path, id;
            bool flag = false;
            switch (kind) {
            case Start:
                flag = QRandomGenerator::global()->bounded(5u) < 2; // 40 % approvals
                if (flag) {
                    id = QStringLiteral("approval-%1").arg(++m_serial);
                    path = QStringLiteral("/orchestrators/Approval/") + id;
                    body = "{}";
                } else {
                    id = QStringLiteral("c%1").arg(++m_serial);
                    path = QStringLiteral("/orchestrators/FunctionChaining/") + id;
                    body = QJsonDocument(QJsonArray { id }).toJson(QJsonDocument::Compact).mid(1).chopped(1);
                }
                method = "POST";
                break;
            case Status:
                id = pick(m_started, false);
                path = QStringLiteral("/instances/") + id;
                break;
            case Query:
                path = QStringLiteral("/instances?top=20");
                break;
            case Raise:
                id = pick(m_waiting, true);
                flag = QRandomGenerator::global()->bounded(2u) == 0;
                path = QStringLiteral("/instances/%1/raiseEvent/ApprovalEvent").arg(id);
                body = flag ? "true" : "false";
                method = "POST";
                m_raised.insert(id, flag); // not a candidate any more, whatever the answer
                break;
            case Terminate:
                id = pick(m_waiting, true);
                path = QStringLiteral("/instances/%1/terminate?reason=load").arg(id);
                method = "POST";
                m_terminated.insert(id);
                break;
            case Purge:
                id = pick(m_finished, true);
                m_purging.insert(id); // from now on a status may answer 404
                path = QStringLiteral("/instances/") + id;
                method = "DELETE";
                break;
            case KindCount:
                break;
            }
            QElapsedTimer timer;
            timer.start();
            QNetworkReply *reply = issue(client, method, path, body);
            QObject::connect(reply, &QNetworkReply::finished, reply, [=, this] {
                const double ms = timer.nsecsElapsed() / 1e6;
                const Answer a = take(reply);
                m_latencies[kind].push_back(ms);
                answered(kind, id, flag, a);
                next(client);
            });
        }

        void answered(Kind kind, const QString &id, bool flag, const Answer &a)
        {
            const auto unexpected = [&] {
                ++m_errors[kind];
                if (m_errorSamples.size() < 10)
                    m_errorSamples.append(QStringLiteral("%1 %2: %3 %4")
                                              .arg(QLatin1String(kindNames[kind]), id)
                                              .arg(a.status)
                                              .arg(QString::fromUtf8(a.body.left(200))));
            };
            switch (kind) {
            case Start: {
                const QString got = QJsonDocument::fromJson(a.body).object().value(QStringLiteral("id")).toString();
                if (a.status != 202 || got.isEmpty()) {
                    // Unknown outcome: it may exist or not; the check only accepts both for these.
                    m_uncertain.insert(id);
                    return unexpected();
                }
                m_started.append(got);
                if (flag)
                    m_waiting.append(got);
                else
                    m_chains.insert(got, got + QStringLiteral(">F1>F2>F3>F4"));
                return;
            }
            case Status: {
                if (a.status == 404 && m_purging.contains(id))
                    return;
                if (a.status != 200 && a.status != 202)
                    return unexpected();
                const QString status
                    = QJsonDocument::fromJson(a.body).object().value(QStringLiteral("runtimeStatus")).toString();
                if (status == QLatin1String("Completed") && m_chains.contains(id) && !m_purgeable.contains(id)) {
                    m_purgeable.insert(id);
                    m_finished.append(id);
                }
                return;
            }
            case Query:
                if (a.status != 200 || !QJsonDocument::fromJson(a.body).isArray())
                    unexpected();
                return;
            case Raise:
            case Terminate:
                if (a.status != 202) {
                    m_uncertain.insert(id);
                    unexpected();
                }
                (void)flag;
                return;
            case Purge:
                if (a.status != 200) {
                    m_uncertain.insert(id);
                    return unexpected();
                }
                m_purged.insert(id);
                m_started.removeOne(id);
                return;
            case KindCount:
                return;
            }
        }

        bool fail(const QString &what)
        {
            std::fprintf(stderr, "http-load: error: %s\n", qPrintable(what));
            ++m_violations;
            return false;
        }

        QString m_base;
        QByteArray m_key;
        std::vector<std::unique_ptr<QNetworkAccessManager>> m_clients;
        std::unique_ptr<QNetworkAccessManager> m_checker;
        QEventLoop *m_loop = nullptr;
        QElapsedTimer m_deadline;
        double m_seconds = 0, m_wall = 0;
        int m_running = 0, m_serial = 0, m_violations = 0;

        QList<QString> m_started; ///< answered 202 and not purged
        QList<QString> m_waiting; ///< approvals nobody raised or terminated yet
        QList<QString> m_finished; ///< chains seen Completed, candidates for a purge
        QSet<QString> m_purgeable;
        QHash<QString, QString> m_chains; ///< chain id -> expected output
        QHash<QString, bool> m_raised; ///< approval id -> the answer raised
        QSet<QString> m_terminated, m_purging, m_purged, m_uncertain;
        std::vector<double> m_latencies[KindCount];
        int m_errors[KindCount] = {};
        QStringList m_errorSamples;
    };

    double percentile(std::vector<double> v, double p)
    {
        if (v.empty())
            return 0;
        std::sort(v.begin(), v.end());
        return v.at(std::min(v.size() - 1, size_t(p * double(v.size()))));
    }

    void Load::printFigures(bool json, const QString &sync, int clients) const
    {
        size_t total = 0;
        for (const auto &l : m_latencies)
            total += l.size();
        for (int k = -1; k < KindCount; ++k) {
            std::vector<double> all;
            int errors = 0;
            if (k < 0) {
                for (int i = 0; i < KindCount; ++i) {
                    all.insert(all.end(), m_latencies[i].begin(), m_latencies[i].end());
                    errors += m_errors[i];
                }
            } else {
                all = m_latencies[k];
                errors = m_errors[k];
            }
            const QString kind = k < 0 ? QStringLiteral("all") : QLatin1String(kindNames[k]);
            const double rate = double(all.size()) / m_wall;
            if (json) {
                const QJsonObject o { { QStringLiteral("workload"), QStringLiteral("http-load") },
                                      { QStringLiteral("kind"), kind },
                                      { QStringLiteral("clients"), clients },
                                      { QStringLiteral("sync"), sync },
                                      { QStringLiteral("wall_s"), m_wall },
                                      { QStringLiteral("requests"), qint64(all.size()) },
                                      { QStringLiteral("requests_per_s"), rate },
                                      { QStringLiteral("p50_ms"), percentile(all, 0.50) },
                                      { QStringLiteral("p99_ms"), percentile(all, 0.99) },
                                      { QStringLiteral("errors"), errors } };
                std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
            } else {
                if (k < 0)
                    std::printf("%-10s %9s %10s %9s %9s %7s   (%d clients, %.1f s, %zu requests)\n", "http-load",
                                "requests", "req/s", "p50_ms", "p99_ms", "errors", clients, m_wall, total);
                std::printf("%-10s %9zu %10.0f %9.2f %9.2f %7d\n", qPrintable(kind), all.size(), rate,
                            percentile(all, 0.50), percentile(all, 0.99), errors);
            }
        }
        for (const auto &sample : m_errorSamples)
            std::fprintf(stderr, "http-load: unexpected answer: %s\n", qPrintable(sample));
        std::fflush(stdout);
    }

    /// After the run: every 202'd start exists and ends as it should, nothing else exists.
    bool Load::check(double settleSeconds)
    {
        const auto statusOf = [&](const QString &id, bool history) {
            return send(
                "GET",
                QStringLiteral("/instances/%1%2").arg(id, history ? QStringLiteral("?showHistory=true") : QString()));
        };
        QElapsedTimer settle;
        settle.start();
        // Chains and answered approvals end on their own: wait for each (generous, not timed).
        const auto finalState = [&](const QString &id, bool history) {
            for (;;) {
                const Answer a = statusOf(id, history);
                if (a.status != 202 || settle.elapsed() > settleSeconds * 1000)
                    return a;
                QEventLoop wait;
                QTimer::singleShot(20, &wait, &QEventLoop::quit);
                wait.exec();
            }
        };
        int exact = 0;
        for (auto it = m_chains.cbegin(); it != m_chains.cend(); ++it) {
            const Answer a = finalState(it.key(), false);
            if (m_purged.contains(it.key())) {
                if (a.status != 404)
                    fail(QStringLiteral("%1 was purged but answers %2").arg(it.key()).arg(a.status));
                continue;
            }
            const QJsonObject o = QJsonDocument::fromJson(a.body).object();
            if (a.status != 200 || o.value(QStringLiteral("runtimeStatus")) != QLatin1String("Completed")
                || o.value(QStringLiteral("output")) != it.value())
                fail(QStringLiteral("chain %1: %2 %3")
                         .arg(it.key())
                         .arg(a.status)
                         .arg(QString::fromUtf8(a.body.left(300))));
            else
                ++exact;
        }
        QSet<QString> approvals;
        for (const auto &id : std::as_const(m_started)) {
            if (!m_chains.contains(id))
                approvals.insert(id);
        }
        for (const auto &id : std::as_const(approvals)) {
            const bool raised = m_raised.contains(id), terminated = m_terminated.contains(id);
            const Answer a = (raised || terminated) ? finalState(id, true) : statusOf(id, true);
            const QJsonObject o = QJsonDocument::fromJson(a.body).object();
            const QString status = o.value(QStringLiteral("runtimeStatus")).toString();
            int events = 0;
            for (const auto &e : o.value(QStringLiteral("historyEvents")).toArray()) {
                if (e.toObject().value(QStringLiteral("EventType")).toString() == QLatin1String("EventRaised"))
                    ++events;
            }
            if (m_uncertain.contains(id))
                continue; // the client saw no answer: either outcome is right
            QString expected;
            if (raised)
                expected = m_raised.value(id) ? QStringLiteral("approved") : QStringLiteral("rejected");
            const bool ok = raised
                ? (status == QLatin1String("Completed") && o.value(QStringLiteral("output")) == expected && events == 1)
                : terminated
                ? status == QLatin1String("Terminated") && events == 0
                : (status == QLatin1String("Running") || status == QLatin1String("Pending")) && events == 0;
            if (!ok)
                fail(QStringLiteral("approval %1 (%2): %3, %4 EventRaised, output %5")
                         .arg(id,
                              raised           ? QStringLiteral("raised")
                                  : terminated ? QStringLiteral("terminated")
                                               : QStringLiteral("untouched"),
                              status)
                         .arg(events)
                         .arg(QString::fromUtf8(QJsonDocument(QJsonArray { o.value(QStringLiteral("output")) })
                                                    .toJson(QJsonDocument::Compact))));
            else
                ++exact;
        }
        // Nothing doubled or invented: the hub lists exactly the started, unpurged instances.
        QSet<QString> listed;
        QByteArray continuation;
        do {
            const Answer a = send("GET", QStringLiteral("/instances?top=1000"), {}, continuation);
            if (a.status != 200)
                return fail(QStringLiteral("listing the instances: %1").arg(a.status));
            for (const auto &item : QJsonDocument::fromJson(a.body).array()) {
                const QString id = item.toObject().value(QStringLiteral("instanceId")).toString();
                if (listed.contains(id))
                    fail(QStringLiteral("%1 listed twice").arg(id));
                listed.insert(id);
            }
            continuation = a.continuation;
        } while (!continuation.isEmpty());
        const QSet<QString> started(m_started.cbegin(), m_started.cend());
        for (const auto &id : listed) {
            if (!started.contains(id) && !m_uncertain.contains(id))
                fail(QStringLiteral("%1 exists but no start of it was answered").arg(id));
        }
        for (const auto &id : started) {
            if (!listed.contains(id))
                fail(QStringLiteral("%1 was started (202) but is not listed").arg(id));
        }
        std::fprintf(stderr,
                     "http-load: checked %d instances exact (%lld chains, %lld raised, %lld terminated, %lld purged); "
                     "%d violations\n",
                     exact, qlonglong(m_chains.size() - m_purged.size()), qlonglong(m_raised.size()),
                     qlonglong(m_terminated.size()), qlonglong(m_purged.size()), m_violations);
        return m_violations == 0;
    }

} // namespace

std::expected<Headless, QString> startHeadless(QProcess &app, const QString &exe, const QString &dir,
                                               const QString &hubName, bool fullSync)
{
    const QString keyFile = QDir(dir).filePath(hubName + QStringLiteral(".key"));
    const QString hub = QDir(dir).filePath(hubName);
    QFile::remove(hub);
    QFile::remove(hub + QStringLiteral("-wal"));
    app.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    app.start(exe,
              { QStringLiteral("--headless"), QStringLiteral("--hub"), hub, QStringLiteral("--sync"),
                fullSync ? QStringLiteral("full") : QStringLiteral("normal"), QStringLiteral("--lang"),
                QStringLiteral("en"), QStringLiteral("--http-port"), QStringLiteral("0"),
                QStringLiteral("--http-key-file"), keyFile });
    // The start-up line names the base URL; afterwards the request log is read and dropped, so
    // the app never blocks on a full pipe.
    QString base;
    {
        QEventLoop loop;
        QByteArray out;
        const QRegularExpression line(QStringLiteral("HTTP API: (http://\\S+?)/?\\n"));
        QObject::connect(&app, &QProcess::readyReadStandardOutput, &loop, [&] {
            out += app.readAllStandardOutput();
            if (const auto m = line.match(QString::fromUtf8(out)); m.hasMatch()) {
                base = m.captured(1);
                loop.quit();
            }
        });
        QObject::connect(&app, &QProcess::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(60'000, &loop, &QEventLoop::quit);
        loop.exec();
    }
    if (base.isEmpty())
        return std::unexpected(QStringLiteral("the headless app did not start (%1)").arg(exe));
    QObject::connect(&app, &QProcess::readyReadStandardOutput, &app, [&app] { (void)app.readAllStandardOutput(); });
    QFile key(keyFile);
    if (!key.open(QIODevice::ReadOnly))
        return std::unexpected(QStringLiteral("no key file"));
    return Headless { base, key.readAll().trimmed() };
}

bool stopHeadless(QProcess &app)
{
    app.terminate();
    if (!app.waitForFinished(30'000))
        app.kill();
    return app.exitStatus() == QProcess::NormalExit && app.exitCode() == 0;
}

int runHttpLoad(const HttpLoadOptions &options)
{
    QProcess app;
    const auto headless
        = startHeadless(app, options.app, options.dir, QStringLiteral("http-load.sqlite"), options.fullSync);
    if (!headless) {
        std::fprintf(stderr, "http-load: error: %s\n", qPrintable(headless.error()));
        return 1;
    }
    Load load(headless->base, headless->key, options.clients);
    load.run(options.seconds);
    load.printFigures(options.json, options.fullSync ? QStringLiteral("full") : QStringLiteral("normal"),
                      options.clients);
    const bool ok = load.check(120);
    if (!stopHeadless(app)) {
        std::fprintf(stderr, "http-load: error: the headless app ended with %d\n", app.exitCode());
        return 1;
    }
    return ok ? 0 : 1;
}

} // namespace bench
