#pragma once

#include "apiparams.h"
#include "apipayloads.h"
#include "apirouter.h"
#include "engine.h"
#include "httpreply.h"

#include <QObject>

#include <functional>

namespace durable::http {

/// One authenticated, size-checked, routed request, detached from the server library.
struct ApiRequest {
    QByteArray method;
    Route route;
    QueryParams query;
    QByteArray contentType;
    QByteArray continuation; ///< x-ms-continuation-token request header
    QByteArray body;
    UrlContext urls;
    QString requestUrl; ///< the URL as requested (origin + path + query), for Location on 202
};

/// The endpoint logic of the management API (reference/http-api.md A.2–A.3) over the client
/// facade. Every engine call is asynchronous; `respond` is called exactly once, on this object's
/// thread, unless this object is destroyed first. Checks that would reject a request (bad id,
/// bad JSON, wrong content type, unknown orchestrator) run before any write to the hub.
class ApiHandlers : public QObject {
    Q_OBJECT
public:
    using Respond = std::function<void(const HttpReply &)>;

    explicit ApiHandlers(Client &client, QObject *parent = nullptr);

    void handle(const ApiRequest &request, const Respond &respond);

private:
    void start(const ApiRequest &request, const Respond &respond);
    void status(const ApiRequest &request, const Respond &respond);
    void list(const ApiRequest &request, const Respond &respond);
    void raiseEvent(const ApiRequest &request, const Respond &respond);
    void command(const ApiRequest &request, const Respond &respond);
    void restart(const ApiRequest &request, const Respond &respond);
    void purgeInstance(const ApiRequest &request, const Respond &respond);
    void purgeByFilter(const ApiRequest &request, const Respond &respond);

    /// Fetches the instance (without history) and calls `next` with it; NotFound and other
    /// errors are answered through errorReply().
    void withInstance(const QString &instanceId, const Respond &respond,
                      std::function<void(const InstanceInfo &)> next);
    /// The answer after a start or restart: 202 check-status, or with `timeout` and
    /// `pollingInterval` a bounded wait for the result (A.3.1).
    void answerStarted(const ApiRequest &request, const QString &instanceId, const Respond &respond);
    HttpReply checkStatusReply(const ApiRequest &request, const QString &instanceId) const;
    void answerPurged(const Result<int> &result, const Respond &respond);

    Client &m_client;
};

} // namespace durable::http
