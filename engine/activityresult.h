#pragma once

#include "hubstore.h"
#include "json.h"

#include <QJsonObject>

#include <memory>

namespace durable {

/// Result of one activity execution, handed from the pool to the dispatcher thread.
struct ActivityResult {
    WorkItem item; ///< the work row it answers (id, instance, execution, task, name)
    bool succeeded = false;
    /// Set when it failed. Out of line and shared: a fan-out's results wait for the writer by the
    /// hundred thousand and nearly all succeed, so an inline FailureDetails (240 bytes) would
    /// more than double each one.
    std::shared_ptr<const FailureDetails> failure;
    QList<LogLine> logs;
    quint64 launch = 0; ///< the launch token that produced it

    /// Records a success. The history event's data, {"result": value}, is made here as object and
    /// as stored text: on the activity thread that ran it, not on the writer, which every result
    /// of the hub passes through.
    void succeed(const QJsonValue &value)
    {
        succeeded = true;
        failure.reset();
        m_data = QJsonObject { { QStringLiteral("result"), value } };
        m_dataText = json::memberText(u"result", value);
    }
    void fail(FailureDetails details)
    {
        succeeded = false;
        m_data = {};
        m_dataText.clear();
        failure = std::make_shared<const FailureDetails>(std::move(details));
    }
    /// The value a success returned; undefined for a failure.
    QJsonValue result() const { return m_data.value(QLatin1StringView("result")); }
    /// The size of the result's JSON text, in bytes (0 when it returned nothing).
    qsizetype resultBytes() const
    {
        constexpr qsizetype Wrapper = sizeof(R"({"result":})") - 1;
        return m_dataText.isEmpty() ? 0 : m_dataText.size() - Wrapper;
    }
    /// The data of the history event it becomes: {"result": …} for TaskCompleted, {"failure": …}
    /// for TaskFailed.
    QJsonObject eventData() const
    {
        if (succeeded)
            return m_data;
        return QJsonObject { { QStringLiteral("failure"), failure ? failure->toJson() : QJsonObject() } };
    }
    /// eventData() as the store writes it (HistoryEvent::encodedData) for a success; empty for a
    /// failure, whose data the store writes from the object.
    QByteArray eventDataText() const { return succeeded ? m_dataText : QByteArray(); }

private:
    QJsonObject m_data;
    QByteArray m_dataText;
};

} // namespace durable
