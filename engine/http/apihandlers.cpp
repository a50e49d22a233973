#include "apihandlers.h"

#include <QDateTime>

namespace durable::http {

namespace {

    constexpr int maxWaitSeconds = 3600;

    /// `timeout` and `pollingInterval` (seconds): both present → wait up to the timeout; a polling
    /// interval above the timeout is an argument error (400), as in the handler. nullopt: no wait.
    std::expected<std::optional<int>, QString> waitMilliseconds(const QueryParams &query)
    {
        const auto timeout = query.integer(QStringLiteral("timeout"));
        const auto interval = query.integer(QStringLiteral("pollingInterval"));
        if (!timeout || !interval)
            return std::optional<int>();
        if (*timeout < 0 || *interval < 0)
            return std::unexpected(QStringLiteral("timeout and pollingInterval must not be negative."));
        if (*interval > *timeout)
            return std::unexpected(
                QStringLiteral("Total timeout %1 (sec) should be bigger than retry timeout %2 (sec).")
                    .arg(*timeout)
                    .arg(*interval));
        return std::optional<int>(qMin(*timeout, maxWaitSeconds) * 1000);
    }

    bool isWaiting(RuntimeStatus status)
    {
        return !isTerminal(status);
    }

    HttpReply badArguments(const QString &message)
    {
        return HttpReply::message(400, message);
    }

} // namespace

ApiHandlers::ApiHandlers(Client &client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
}

void ApiHandlers::handle(const ApiRequest &request, const Respond &respond)
{
    if (!request.route.problem.isEmpty())
        return respond(badArguments(request.route.problem));
    switch (request.route.endpoint) {
    case Endpoint::StartOrchestration:
        return start(request, respond);
    case Endpoint::GetStatus:
        return status(request, respond);
    case Endpoint::ListInstances:
        return list(request, respond);
    case Endpoint::RaiseEvent:
        return raiseEvent(request, respond);
    case Endpoint::Terminate:
    case Endpoint::Suspend:
    case Endpoint::Resume:
    case Endpoint::Rewind:
        return command(request, respond);
    case Endpoint::Restart:
        return restart(request, respond);
    case Endpoint::PurgeInstance:
        return purgeInstance(request, respond);
    case Endpoint::PurgeByFilter:
        return purgeByFilter(request, respond);
    case Endpoint::Entities:
        return respond(HttpReply::message(501, QStringLiteral("Durable entities are not supported by this server.")));
    case Endpoint::MakePrimary:
        return respond(HttpReply::message(501, QStringLiteral("Task hub fail-over is not supported by this server.")));
    case Endpoint::None:
        break;
    }
    respond(HttpReply::empty(404));
}

void ApiHandlers::start(const ApiRequest &request, const Respond &respond)
{
    const QString name = request.route.functionName;
    QString instanceId = request.route.instanceId;
    if (instanceId.isEmpty())
        instanceId = newId();
    else if (const auto problem = instanceIdProblem(instanceId))
        return respond(badArguments(*problem));
    if (!m_client.registry().orchestrator(name))
        return respond(badArguments(
            QStringLiteral("The function '%1' doesn't exist, is disabled, or is not an orchestrator function.")
                .arg(name)));
    const auto input = parseJsonBody(request.body);
    if (!input)
        return respond(badArguments(input.error()));
    if (const auto wait = waitMilliseconds(request.query); !wait)
        return respond(badArguments(wait.error()));

    Client::StartOptions options;
    options.instanceId = instanceId;
    m_client.start(name, *input, options).then(this, [this, request, respond](const Result<QString> &started) {
        if (!started)
            return respond(errorReply(started.error()));
        answerStarted(request, *started, respond);
    });
}

HttpReply ApiHandlers::checkStatusReply(const ApiRequest &request, const QString &instanceId) const
{
    const bool serverErrorOnFailure
        = request.query.boolean(QStringLiteral("returnInternalServerErrorOnFailure"), false);
    return HttpReply::json(202, checkStatusPayload(request.urls, instanceId, serverErrorOnFailure))
        .withHeader("Location", statusQueryUrl(request.urls, instanceId, serverErrorOnFailure).toUtf8())
        .withHeader("Retry-After", "10");
}

void ApiHandlers::answerStarted(const ApiRequest &request, const QString &instanceId, const Respond &respond)
{
    const auto wait = waitMilliseconds(request.query);
    if (!wait || !*wait)
        return respond(checkStatusReply(request, instanceId));
    m_client.waitForCompletion(instanceId, **wait)
        .then(this, [this, request, instanceId, respond](const Result<InstanceInfo> &finished) {
            if (!finished) {
                if (finished.error().code == ErrorCode::FailedPrecondition) // timed out: still running
                    return respond(checkStatusReply(request, instanceId));
                return respond(errorReply(finished.error()));
            }
            const InstanceInfo &info = *finished;
            if (info.status == RuntimeStatus::Completed)
                return respond(HttpReply::json(200, payloadValue(info.output)));
            if (isWaiting(info.status))
                return respond(checkStatusReply(request, instanceId));
            const bool serverError = info.status == RuntimeStatus::Failed
                && request.query.boolean(QStringLiteral("returnInternalServerErrorOnFailure"), false);
            respond(HttpReply::json(serverError ? 500 : 200, statusPayload(info, true)));
        });
}

void ApiHandlers::status(const ApiRequest &request, const Respond &respond)
{
    const QString instanceId = request.route.instanceId;
    const bool showHistory = request.query.boolean(QStringLiteral("showHistory"), false);
    const bool showHistoryOutput = request.query.boolean(QStringLiteral("showHistoryOutput"), false);
    const bool showInput = request.query.boolean(QStringLiteral("showInput"), true);
    const bool serverErrorOnFailure
        = request.query.boolean(QStringLiteral("returnInternalServerErrorOnFailure"), false);
    m_client.status(instanceId, showHistory, true).then(this, [=](const Result<InstanceInfo> &result) {
        if (!result)
            return respond(errorReply(result.error()));
        const InstanceInfo &info = *result;
        QJsonObject payload = statusPayload(info, showInput);
        if (showHistory && info.status != RuntimeStatus::Pending)
            payload.insert(QStringLiteral("historyEvents"),
                           historyEvents(info.history.value_or(History {}), showInput, showHistoryOutput));
        if (isWaiting(info.status))
            return respond(HttpReply::json(202, payload)
                               .withHeader("Location", request.requestUrl.toUtf8())
                               .withHeader("Retry-After", "5"));
        const bool serverError = info.status == RuntimeStatus::Failed && serverErrorOnFailure;
        respond(HttpReply::json(serverError ? 500 : 200, payload));
    });
}

void ApiHandlers::list(const ApiRequest &request, const Respond &respond)
{
    const QueryParams &q = request.query;
    const auto continuation = decodeContinuation(request.continuation);
    if (!continuation)
        return respond(badArguments(QStringLiteral("The x-ms-continuation-token header is not a valid token.")));
    InstanceQuery query;
    query.statuses = q.statuses(QStringLiteral("runtimeStatus"));
    query.idPrefix = q.value(QStringLiteral("instanceIdPrefix"));
    query.createdFrom = q.dateTime(QStringLiteral("createdTimeFrom"));
    // The handler's upper bound is inclusive, the engine's exclusive.
    if (const QDateTime to = q.dateTime(QStringLiteral("createdTimeTo")); to.isValid())
        query.createdTo = to.addMSecs(1);
    query.sortKey = SortKey::CreatedAt;
    query.descending = false;
    query.pageSize = qBound(1, q.integer(QStringLiteral("top")).value_or(100), 1000);
    query.continuation = *continuation;
    query.includeInputs = true;
    const bool showInput = q.boolean(QStringLiteral("showInput"), true);

    m_client.query(query).then(this, [this, query, showInput, respond](const Result<InstancePage> &page) {
        if (!page)
            return respond(errorReply(page.error()));
        QJsonArray items;
        for (const InstanceInfo &info : page->instances)
            items.append(statusPayload(info, showInput));
        if (page->continuation.isEmpty())
            return respond(HttpReply::json(200, items).withHeader("x-ms-continuation-token", {}));
        // Never hand out a token that leads to an empty page: clients loop while a token is
        // present (issues #1174, #3245). Peek one row past this page to be sure.
        InstanceQuery peek = query;
        peek.pageSize = 1;
        peek.includeInputs = false;
        peek.continuation = page->continuation;
        const QString token = page->continuation;
        m_client.query(peek).then(this, [items, token, respond](const Result<InstancePage> &next) {
            if (!next)
                return respond(errorReply(next.error()));
            const QByteArray header = next->instances.isEmpty() ? QByteArray() : encodeContinuation(token);
            respond(HttpReply::json(200, items).withHeader("x-ms-continuation-token", header));
        });
    });
}

void ApiHandlers::raiseEvent(const ApiRequest &request, const Respond &respond)
{
    withInstance(request.route.instanceId, respond, [this, request, respond](const InstanceInfo &info) {
        if (isTerminal(info.status))
            return respond(HttpReply::message(410,
                                              QStringLiteral("The instance '%1' has already finished (%2).")
                                                  .arg(info.instanceId, statusName(info.status))));
        if (!isJsonMediaType(request.contentType))
            return respond(badArguments(QStringLiteral("Only application/json request content is supported.")));
        const auto payload = parseJsonBody(request.body);
        if (!payload)
            return respond(badArguments(payload.error()));
        m_client.raiseEvent(info.instanceId, request.route.eventName, *payload)
            .then(this,
                  [respond](const Status &done) { respond(done ? HttpReply::empty(202) : errorReply(done.error())); });
    });
}

void ApiHandlers::command(const ApiRequest &request, const Respond &respond)
{
    const Endpoint endpoint = request.route.endpoint;
    const QString reason = request.query.value(QStringLiteral("reason"));
    withInstance(request.route.instanceId, respond, [this, endpoint, reason, respond](const InstanceInfo &info) {
        const bool rewind = endpoint == Endpoint::Rewind;
        // Rewind answers 410 for Completed, Terminated, Canceled; the others for any final status.
        const bool gone
            = rewind ? isTerminal(info.status) && info.status != RuntimeStatus::Failed : isTerminal(info.status);
        if (gone)
            return respond(HttpReply::message(410,
                                              QStringLiteral("The instance '%1' has already finished (%2).")
                                                  .arg(info.instanceId, statusName(info.status))));
        if (rewind && info.status != RuntimeStatus::Failed)
            return respond(HttpReply::message(500,
                                              QStringLiteral("Only failed instances can be rewound; '%1' is %2.")
                                                  .arg(info.instanceId, statusName(info.status))));
        QFuture<Status> done;
        switch (endpoint) {
        case Endpoint::Terminate:
            done = m_client.terminate(info.instanceId, reason);
            break;
        case Endpoint::Suspend:
            done = m_client.suspend(info.instanceId, reason);
            break;
        case Endpoint::Resume:
            done = m_client.resume(info.instanceId, reason);
            break;
        default:
            done = m_client.rewind(info.instanceId, reason);
            break;
        }
        done.then(this, [respond](const Status &result) {
            respond(result ? HttpReply::empty(202) : errorReply(result.error()));
        });
    });
}

void ApiHandlers::restart(const ApiRequest &request, const Respond &respond)
{
    if (const auto wait = waitMilliseconds(request.query); !wait)
        return respond(badArguments(wait.error()));
    const bool newId = request.query.boolean(QStringLiteral("restartWithNewInstanceId"), true);
    m_client.status(request.route.instanceId, false, false)
        .then(this, [this, request, newId, respond](const Result<InstanceInfo> &existing) {
            if (!existing && existing.error().code == ErrorCode::NotFound)
                return respond(
                    badArguments(QStringLiteral("InstanceId does not match a valid orchestration instance.")));
            if (!existing)
                return respond(errorReply(existing.error()));
            m_client.restart(existing->instanceId, newId)
                .then(this, [this, request, respond](const Result<QString> &restarted) {
                    if (!restarted)
                        return respond(errorReply(restarted.error()));
                    answerStarted(request, *restarted, respond);
                });
        });
}

void ApiHandlers::purgeInstance(const ApiRequest &request, const Respond &respond)
{
    m_client.purge(request.route.instanceId, false).then(this, [this, respond](const Result<int> &purged) {
        answerPurged(purged, respond);
    });
}

void ApiHandlers::purgeByFilter(const ApiRequest &request, const Respond &respond)
{
    PurgeFilter filter;
    filter.createdFrom = request.query.dateTime(QStringLiteral("createdTimeFrom"));
    if (!filter.createdFrom.isValid())
        return respond(badArguments(QStringLiteral("Please provide value for 'createdTimeFrom' parameter.")));
    const QDateTime to = request.query.dateTime(QStringLiteral("createdTimeTo"));
    filter.createdTo = (to.isValid() ? to : QDateTime::currentDateTimeUtc()).addMSecs(1);
    filter.statuses = request.query.statuses(QStringLiteral("runtimeStatus"));
    m_client.purge(filter).then(this, [this, respond](const Result<int> &purged) { answerPurged(purged, respond); });
}

void ApiHandlers::answerPurged(const Result<int> &result, const Respond &respond)
{
    if (!result)
        return respond(errorReply(result.error()));
    if (*result == 0)
        return respond(HttpReply::empty(404));
    respond(HttpReply::json(200, QJsonObject { { QStringLiteral("instancesDeleted"), *result } }));
}

void ApiHandlers::withInstance(const QString &instanceId, const Respond &respond,
                               std::function<void(const InstanceInfo &)> next)
{
    m_client.status(instanceId, false, false)
        .then(this, [respond, next = std::move(next)](const Result<InstanceInfo> &result) {
            if (!result)
                return respond(errorReply(result.error()));
            next(*result);
        });
}

} // namespace durable::http
