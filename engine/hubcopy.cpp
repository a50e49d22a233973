// copyHub(): a hub moved between locations and backends through the HubStore interface only.
#include "hubcopy.h"

#include "hubcopycontent.h"
#include "hubopen.h"
#include "lifecycle.h"
#include "postgres/pgstore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHostInfo>
#include <QLocale>
#include <QUrl>
#include <QUrlQuery>

#include <sys/stat.h>
#include <unistd.h>

namespace durable {

using hubcopy::InstanceContent;

QString HubCopyReport::verification() const
{
    const QLocale english(QLocale::English, QLocale::UnitedStates);
    return QStringLiteral("verified: %1 instances, %2 events, %3 messages, %4 work rows, %5 log lines, "
                          "%6 script versions, identical")
        .arg(english.toString(instances), english.toString(historyEvents), english.toString(messages),
             english.toString(workRows), english.toString(logLines), english.toString(scriptVersions));
}

namespace {

    /// server, port, database and hub of a PostgreSQL URL, for comparing two of them.
    QString serverHubKey(const QString &location)
    {
        // The store's own reading of the URL gives the hub's name (with its default).
        const auto parsed = postgres::parseLocation(location);
        const QUrl url(parsed ? QString::fromUtf8(parsed->connectionUrl) : location);
        const QUrlQuery query(url);
        QString host = url.host().isEmpty() ? query.queryItemValue(QStringLiteral("host")) : url.host();
        return QStringLiteral("%1|%2|%3|%4")
            .arg(QUrl::fromPercentEncoding(host.toUtf8()), QString::number(url.port(5432)), url.path(),
                 parsed ? parsed->hub : query.queryItemValue(QStringLiteral("hub")));
    }

    bool sameFile(const QString &a, const QString &b)
    {
        struct stat sa { };
        struct stat sb { };
        if (::stat(QFile::encodeName(a).constData(), &sa) == 0 && ::stat(QFile::encodeName(b).constData(), &sb) == 0)
            return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
        return QDir::cleanPath(QFileInfo(a).absoluteFilePath()) == QDir::cleanPath(QFileInfo(b).absoluteFilePath());
    }

    HubCopyError refused(ErrorCode code, const QString &message)
    {
        return { HubCopyError::Kind::Refused, { code, message }, {} };
    }

    QString describe(const WorkerInfo &w)
    {
        return QStringLiteral("host %1, pid %2, since %3, last heartbeat %4")
            .arg(w.host)
            .arg(w.pid)
            .arg(w.since.toUTC().toString(Qt::ISODate), w.heartbeat.toUTC().toString(Qt::ISODate));
    }

    /// Holds a worker session on one hub for the copy's duration, so that no worker starts on it.
    class Hold {
    public:
        Hold(HubStore &store, qint64 leaseMs)
            : m_store(store)
            , m_leaseMs(leaseMs)
        {
        }
        ~Hold() { release(); }

        /// Empty when held; otherwise why not (a live worker's description).
        Result<QString> take(const WorkerInfo &me)
        {
            auto opened = m_store.openSession(me, m_leaseMs);
            if (!opened)
                return std::unexpected(opened.error());
            if (!*opened) {
                auto others = m_store.sessions();
                if (!others)
                    return std::unexpected(others.error());
                return others->isEmpty() ? QStringLiteral("another worker") : describe(others->constFirst());
            }
            m_session = **opened;
            m_renewed.start();
            return others();
        }

        /// A shared backend lets several workers in: any other live one is refused. Renewing first
        /// ends sessions that expired (the backend reaps them).
        Result<QString> others()
        {
            if (!m_store.capabilities().sharedByWorkers)
                return QString();
            if (auto renewed = m_store.renewSession(*m_session); !renewed)
                return std::unexpected(renewed.error());
            auto sessions = m_store.sessions();
            if (!sessions)
                return std::unexpected(sessions.error());
            // Ours by the id the store gave the session (a shared store makes a fresh one).
            for (const auto &w : *sessions) {
                if (w.workerId != m_session->workerId)
                    return describe(w);
            }
            return QString();
        }

        /// Renews when a fifth of the lease has passed. Call outside a transaction.
        Status keep()
        {
            if (!m_session || m_renewed.elapsed() < m_leaseMs / 5)
                return {};
            auto renewed = m_store.renewSession(*m_session);
            if (!renewed)
                return std::unexpected(renewed.error());
            if (!*renewed)
                return fail(ErrorCode::FailedPrecondition,
                            QStringLiteral("another process took the hub over during the copy"));
            m_renewed.restart();
            return {};
        }

        void release()
        {
            if (m_session)
                (void)m_store.closeSession(*m_session);
            m_session.reset();
        }

    private:
        HubStore &m_store;
        qint64 m_leaseMs;
        std::optional<WorkerSession> m_session;
        QElapsedTimer m_renewed;
    };

    class Copier {
    public:
        Copier(QString from, QString to, const HubCopyProgressFunction &progress, const std::atomic<bool> *cancel,
               const HubCopyOptions &options)
            : m_from(std::move(from))
            , m_to(std::move(to))
            , m_progress(progress)
            , m_cancel(cancel)
            , m_options(options)
            , m_me { newId(), QHostInfo::localHostName(), qint64(::getpid()), {}, {} }
        {
        }

        HubCopyResult run()
        {
            if (auto refusedEarly = checkLocations(); !refusedEarly)
                return std::unexpected(refusedEarly.error());
            if (auto opened = open(); !opened)
                return std::unexpected(opened.error());
            auto result = copyAndVerify();
            if (!result) {
                // Undone while still held, so that no worker starts on the half copy meanwhile.
                HubCopyError error = result.error();
                if (error.kind != HubCopyError::Kind::Refused)
                    error.leftover = removeCopy();
                else if (m_report.createdDestination)
                    removeCreatedFile();
                return std::unexpected(error);
            }
            m_sourceHold.reset();
            m_destinationHold.reset();
            return m_report;
        }

    private:
        std::expected<void, HubCopyError> checkLocations()
        {
            if (sameHubLocation(m_from, m_to))
                return std::unexpected(refused(ErrorCode::InvalidArgument,
                                               QStringLiteral("the source and the destination are the same hub")));
            if (!isServerHub(m_from)) {
                const QFileInfo source(m_from);
                if (!source.exists())
                    return std::unexpected(
                        HubCopyError { HubCopyError::Kind::CannotOpen,
                                       { ErrorCode::NotFound, QStringLiteral("%1 does not exist").arg(m_from) },
                                       {} });
            }
            m_report.createdDestination = !isServerHub(m_to) && !QFileInfo::exists(m_to);
            return {};
        }

        std::expected<void, HubCopyError> open()
        {
            // A server hub is opened without creating its schema: a mistyped ?hub= name must not
            // leave an empty hub behind. The first read tells whether there is one.
            const bool server = isServerHub(m_from);
            auto source = openHubStore(m_from, SyncMode::Normal, !server);
            if (!source)
                return std::unexpected(HubCopyError { HubCopyError::Kind::CannotOpen, source.error(), {} });
            m_source = std::move(*source);
            if (server) {
                if (auto probe = m_source->countByStatus(); !probe)
                    return std::unexpected(HubCopyError {
                        HubCopyError::Kind::CannotOpen,
                        { probe.error().code,
                          QStringLiteral("no task hub can be read there: %1").arg(probe.error().message) },
                        {} });
            }
            auto destination = openHubStore(m_to, m_options.sync, true);
            if (!destination) {
                if (m_report.createdDestination)
                    removeCreatedFile();
                return std::unexpected(HubCopyError { HubCopyError::Kind::CannotOpen, destination.error(), {} });
            }
            m_destination = std::move(*destination);
            return {};
        }

        static HubCopyError failed(const Error &e) { return { HubCopyError::Kind::Failed, e, {} }; }

        std::expected<void, HubCopyError> copyAndVerify()
        {
            // Holds first: from here on no worker changes either hub.
            m_sourceHold = std::make_unique<Hold>(*m_source, m_options.leaseMs);
            m_destinationHold = std::make_unique<Hold>(*m_destination, m_options.leaseMs);
            for (auto [hold, what] :
                 { std::pair { m_sourceHold.get(), "source" }, std::pair { m_destinationHold.get(), "destination" } }) {
                auto busy = hold->take(m_me);
                if (!busy)
                    return std::unexpected(failed(busy.error()));
                if (!busy->isEmpty())
                    return std::unexpected(
                        refused(ErrorCode::FailedPrecondition,
                                QStringLiteral("the %1 hub is in use by a running worker (%2): stop it first")
                                    .arg(QLatin1String(what), *busy)));
            }
            if (auto empty = checkDestinationEmpty(); !empty)
                return empty;
            auto counts = m_source->countByStatus();
            if (!counts)
                return std::unexpected(failed(counts.error()));
            m_report.byStatus = *counts;
            m_total = 0;
            for (qint64 n : *counts)
                m_total += n;
            if (auto nothing = checkSourceNotEmpty(); !nothing)
                return nothing;
            if (auto copied = copyInstances(); !copied)
                return copied;
            if (auto verified = verify(); !verified)
                return verified;
            // Another worker that joined a shared source meanwhile may have changed what was read.
            auto late = m_sourceHold->others();
            if (!late)
                return std::unexpected(failed(late.error()));
            if (!late->isEmpty())
                return std::unexpected(
                    failed({ ErrorCode::FailedPrecondition,
                             QStringLiteral("a worker started on the source during the copy (%1)").arg(*late) }));
            return copyScripts();
        }

        /// A hub with nothing in it is most likely a wrong name (a new SQLite file or schema).
        std::expected<void, HubCopyError> checkSourceNotEmpty()
        {
            if (m_total > 0)
                return {};
            auto scripts = m_source->scriptVersions({});
            if (!scripts)
                return std::unexpected(failed(scripts.error()));
            auto work = m_source->allWork();
            if (!work)
                return std::unexpected(failed(work.error()));
            if (scripts->isEmpty() && work->isEmpty())
                return std::unexpected(
                    refused(ErrorCode::FailedPrecondition,
                            QStringLiteral("the source hub is empty: no instances, work or script versions to copy")));
            return {};
        }

        std::expected<void, HubCopyError> checkDestinationEmpty()
        {
            auto counts = m_destination->countByStatus();
            if (!counts)
                return std::unexpected(failed(counts.error()));
            qint64 instances = 0;
            for (qint64 n : *counts)
                instances += n;
            auto scripts = m_destination->scriptVersions({});
            if (!scripts)
                return std::unexpected(failed(scripts.error()));
            auto work = m_destination->allWork();
            if (!work)
                return std::unexpected(failed(work.error()));
            if (instances > 0 || !scripts->isEmpty() || !work->isEmpty()) {
                return std::unexpected(refused(
                    ErrorCode::FailedPrecondition,
                    QStringLiteral("the destination hub is not empty (%1 instances, %2 script versions, %3 work rows): "
                                   "copy into a new file or an empty hub")
                        .arg(instances)
                        .arg(scripts->size())
                        .arg(work->size())));
            }
            return {};
        }

        bool cancelled() const { return m_cancel && m_cancel->load(std::memory_order_relaxed); }

        std::expected<void, HubCopyError> cancelError() const
        {
            return std::unexpected(HubCopyError {
                HubCopyError::Kind::Cancelled, { ErrorCode::FailedPrecondition, QStringLiteral("cancelled") }, {} });
        }

        void report(HubCopyProgress::Phase phase, qint64 done) const
        {
            if (m_progress)
                m_progress({ phase, done, m_total });
        }

        Status keepHolds()
        {
            if (auto s = m_sourceHold->keep(); !s)
                return s;
            return m_destinationHold->keep();
        }

        /// Every instance in id order, a page at a time; `each` gets the id.
        template<typename F>
        std::expected<void, HubCopyError> forEachInstance(HubStore &store, F &&each)
        {
            InstanceQuery q;
            q.sortKey = SortKey::InstanceId;
            q.descending = false;
            q.pageSize = 500;
            for (;;) {
                auto page = store.query(q);
                if (!page)
                    return std::unexpected(failed(page.error()));
                for (const auto &info : std::as_const(page->instances)) {
                    if (auto s = each(info.instanceId); !s)
                        return s;
                }
                if (page->continuation.isEmpty())
                    return {};
                q.continuation = page->continuation;
            }
        }

        std::expected<void, HubCopyError> copyInstances()
        {
            auto work = hubcopy::workByInstance(*m_source);
            if (!work)
                return std::unexpected(failed(work.error()));
            m_sourceWork = std::move(*work);
            QList<InstanceContent> batch;
            qint64 batchEvents = 0;
            qint64 done = 0;
            report(HubCopyProgress::Phase::Copying, 0);
            auto flush = [&](bool last) -> std::expected<void, HubCopyError> {
                QList<WorkItem> work;
                for (const auto &c : std::as_const(batch))
                    work.append(m_sourceWork.take(c.record.info.instanceId));
                if (last) {
                    // Rows of instances that do not exist (nothing would run them) travel too.
                    for (auto it = m_sourceWork.cbegin(); it != m_sourceWork.cend(); ++it) {
                        work.append(it.value());
                        m_orphanWork.append(it.key());
                    }
                    m_sourceWork.clear();
                }
                if (batch.isEmpty() && work.isEmpty())
                    return {};
                if (auto s = writeBatch(batch, work); !s)
                    return std::unexpected(failed(s.error()));
                done += batch.size();
                batch.clear();
                batchEvents = 0;
                report(HubCopyProgress::Phase::Copying, done);
                if (auto s = keepHolds(); !s)
                    return std::unexpected(failed(s.error()));
                return {};
            };
            auto copied = forEachInstance(*m_source, [&](const QString &id) -> std::expected<void, HubCopyError> {
                if (cancelled())
                    return cancelError();
                auto content = hubcopy::readInstance(*m_source, id);
                if (!content)
                    return std::unexpected(failed(content.error()));
                if (!*content)
                    return {}; // deleted since the page was read: the verification counts will tell
                batchEvents += (*content)->history.size();
                batch.append(std::move(**content));
                if (batch.size() >= m_options.batchInstances || batchEvents >= m_options.batchEvents)
                    return flush(false);
                return {};
            });
            if (!copied)
                return copied;
            if (cancelled())
                return cancelError();
            return flush(true);
        }

        Status writeBatch(const QList<InstanceContent> &batch, const QList<WorkItem> &work)
        {
            if (auto s = m_destination->begin(); !s)
                return s;
            m_wroteSomething = true;
            auto written = [&]() -> Status {
                for (const auto &c : batch) {
                    if (auto s = hubcopy::writeInstance(*m_destination, c); !s)
                        return s;
                    m_report.historyEvents += c.history.size();
                    m_report.logLines += c.logs.size();
                    m_report.messages += c.messages.size();
                }
                for (const auto &w : work) {
                    if (auto id = m_destination->insertWork(w); !id)
                        return std::unexpected(id.error());
                }
                return {};
            }();
            if (!written) {
                m_destination->rollback();
                return written;
            }
            if (auto s = m_destination->commit(); !s)
                return s;
            m_report.instances += batch.size();
            m_report.workRows += work.size();
            return {};
        }

        std::expected<void, HubCopyError> mismatch(const QString &what)
        {
            return std::unexpected(
                failed({ ErrorCode::FailedPrecondition,
                         QStringLiteral("verification failed: %1 (did a client write to the source during the copy?)")
                             .arg(what) }));
        }

        std::expected<void, HubCopyError> verify()
        {
            report(HubCopyProgress::Phase::Verifying, 0);
            auto sourceWork = hubcopy::workByInstance(*m_source);
            if (!sourceWork)
                return std::unexpected(failed(sourceWork.error()));
            auto destinationWork = hubcopy::workByInstance(*m_destination);
            if (!destinationWork)
                return std::unexpected(failed(destinationWork.error()));
            qint64 done = 0;
            qint64 events = 0;
            auto compared = forEachInstance(*m_source, [&](const QString &id) -> std::expected<void, HubCopyError> {
                if (cancelled())
                    return cancelError();
                auto a = hubcopy::readInstance(*m_source, id);
                if (!a)
                    return std::unexpected(failed(a.error()));
                auto b = hubcopy::readInstance(*m_destination, id);
                if (!b)
                    return std::unexpected(failed(b.error()));
                if (!*a)
                    return {}; // gone from the source: the counts below tell
                if (!*b)
                    return mismatch(QStringLiteral("instance %1 is missing in the destination").arg(id));
                const QString d = hubcopy::difference(**a, sourceWork->take(id), **b, destinationWork->take(id));
                if (!d.isEmpty())
                    return mismatch(QStringLiteral("instance %1: %2").arg(id, d));
                events += (*a)->history.size();
                if (++done % 200 == 0) {
                    report(HubCopyProgress::Phase::Verifying, done);
                    if (auto s = keepHolds(); !s)
                        return std::unexpected(failed(s.error()));
                }
                return {};
            });
            if (!compared)
                return compared;
            for (const QString &id : std::as_const(m_orphanWork)) {
                const QString d = hubcopy::difference({}, sourceWork->take(id), {}, destinationWork->take(id));
                if (!d.isEmpty())
                    return mismatch(QStringLiteral("work of %1: %2").arg(id, d));
            }
            if (!sourceWork->isEmpty() || !destinationWork->isEmpty())
                return mismatch(QStringLiteral("work rows differ"));
            auto sourceCounts = m_source->countByStatus();
            if (!sourceCounts)
                return std::unexpected(failed(sourceCounts.error()));
            auto destinationCounts = m_destination->countByStatus();
            if (!destinationCounts)
                return std::unexpected(failed(destinationCounts.error()));
            if (*sourceCounts != m_report.byStatus || *destinationCounts != m_report.byStatus)
                return mismatch(QStringLiteral("instances per status differ"));
            if (done != m_report.instances || events != m_report.historyEvents)
                return mismatch(QStringLiteral("%1 instances and %2 events read back, %3 and %4 copied")
                                    .arg(done)
                                    .arg(events)
                                    .arg(m_report.instances)
                                    .arg(m_report.historyEvents));
            report(HubCopyProgress::Phase::Verifying, done);
            return {};
        }

        /// Last and in one transaction (a store offers no way to delete a version), read back and
        /// compared before the commit: a failure leaves none behind.
        std::expected<void, HubCopyError> copyScripts()
        {
            auto versions = m_source->scriptVersions({});
            if (!versions)
                return std::unexpected(failed(versions.error()));
            if (versions->isEmpty())
                return {};
            if (auto s = m_destination->begin(); !s)
                return std::unexpected(failed(s.error()));
            auto written = [&]() -> std::expected<void, HubCopyError> {
                for (const auto &listed : std::as_const(*versions)) {
                    auto v = m_source->scriptVersion(listed.fileName, listed.version);
                    if (!v)
                        return std::unexpected(failed(v.error()));
                    auto saved = m_destination->saveScriptVersion(v->fileName, v->code, v->orchestrators, v->activities,
                                                                  v->createdAt);
                    if (!saved)
                        return std::unexpected(failed(saved.error()));
                    auto back = m_destination->scriptVersion(v->fileName, *saved);
                    if (!back)
                        return std::unexpected(failed(back.error()));
                    if (*saved != v->version || hubcopy::rowOf(*back) != hubcopy::rowOf(*v))
                        return mismatch(
                            QStringLiteral("script %1 version %2 differs").arg(v->fileName).arg(v->version));
                }
                return {};
            }();
            if (!written) {
                m_destination->rollback();
                return written;
            }
            if (auto s = m_destination->commit(); !s)
                return std::unexpected(failed(s.error()));
            m_report.scriptVersions = versions->size();
            return {};
        }

        void removeCreatedFile()
        {
            m_destinationHold.reset();
            m_destination.reset();
            for (const char *suffix : { "", "-wal", "-shm", "-journal" })
                QFile::remove(m_to + QLatin1String(suffix));
        }

        /// Undoes the copy; returns what could not be undone.
        QString removeCopy()
        {
            if (!m_wroteSomething && !m_report.createdDestination)
                return {};
            if (m_report.createdDestination) {
                removeCreatedFile();
                return QFileInfo::exists(m_to) ? QStringLiteral("%1 could not be deleted").arg(m_to) : QString();
            }
            // The destination was empty before (checked): every instance in it is the copy's.
            InstanceQuery q;
            q.sortKey = SortKey::InstanceId;
            q.descending = false;
            q.pageSize = 200;
            for (;;) {
                auto page = m_destination->query(q);
                if (!page)
                    return QStringLiteral("copied instances could not be removed: %1").arg(page.error().message);
                if (page->instances.isEmpty())
                    break;
                QStringList ids;
                for (const auto &i : std::as_const(page->instances))
                    ids.append(i.instanceId);
                if (auto s = removeInstances(ids); !s)
                    return QStringLiteral("copied instances could not be removed: %1").arg(s.error().message);
            }
            if (auto s = removeInstances(m_orphanWork); !s)
                return QStringLiteral("copied work rows could not be removed: %1").arg(s.error().message);
            return {};
        }

        Status removeInstances(const QStringList &ids)
        {
            if (ids.isEmpty())
                return {};
            if (auto s = m_destination->begin(); !s)
                return s;
            for (const QString &id : ids) {
                Status s = m_destination->deleteWorkOf(id);
                if (s)
                    s = m_destination->deleteInstance(id);
                if (!s) {
                    m_destination->rollback();
                    return s;
                }
            }
            return m_destination->commit();
        }

        QString m_from;
        QString m_to;
        const HubCopyProgressFunction &m_progress;
        const std::atomic<bool> *m_cancel;
        HubCopyOptions m_options;
        WorkerInfo m_me;
        std::unique_ptr<HubStore> m_source;
        std::unique_ptr<HubStore> m_destination;
        std::unique_ptr<Hold> m_sourceHold;
        std::unique_ptr<Hold> m_destinationHold;
        HubCopyReport m_report;
        qint64 m_total = 0;
        bool m_wroteSomething = false;
        QHash<QString, QList<WorkItem>> m_sourceWork; ///< not yet copied, by instance
        QStringList m_orphanWork; ///< instances without a row whose work rows were copied
    };

} // namespace

bool sameHubLocation(const QString &a, const QString &b)
{
    if (isServerHub(a) != isServerHub(b))
        return false;
    if (isServerHub(a))
        return serverHubKey(a) == serverHubKey(b);
    return sameFile(a, b);
}

HubCopyResult copyHub(const QString &from, const QString &to, const HubCopyProgressFunction &progress,
                      const std::atomic<bool> *cancel, const HubCopyOptions &options)
{
    return Copier(from, to, progress, cancel, options).run();
}

} // namespace durable
