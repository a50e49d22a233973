#pragma once

#include "hubstore.h"
#include "json.h"

#include <QJsonObject>

#include <memory>

namespace durable {

/// Result of one activity execution, handed from the pool to the dispatcher thread.
struct ActivityResult {
    WorkItem item; ///< the work row it answers (id, instance, execution, task, name; not the input)
    bool succeeded = false;
    /// Set when it failed. Out of line and shared: a fan-out's results wait for the writer by the
    /// hundred thousand and nearly all succeed, so an inline FailureDetails (240 bytes) would
    /// more than double each one.
    std::shared_ptr<const FailureDetails> failure;
    QList<LogLine> logs;
    quint64 launch = 0; ///< the launch token that produced it

    /// Records a success. The value is kept as returned: an activity that hands back (part of) its
    /// input shares that input's storage, which matters while a fan-out's results wait for the
    /// writer by the hundred thousand (a stored text or a built event object kept beside each one
    /// raised a 100,000-activity fan-out's peak memory by a fifth).
    void succeed(const QJsonValue &value)
    {
        succeeded = true;
        failure.reset();
        m_result = value;
    }
    void fail(FailureDetails details)
    {
        succeeded = false;
        m_result = QJsonValue();
        failure = std::make_shared<const FailureDetails>(std::move(details));
    }
    /// The value a success returned; undefined for a failure.
    QJsonValue result() const { return succeeded ? m_result : QJsonValue(QJsonValue::Undefined); }
    /// The size of the result's JSON text, in bytes (0 when it returned nothing).
    qsizetype resultBytes() const { return succeeded ? json::toText(m_result).size() : 0; }
    /// The data of the history event it becomes: {"result": …} for TaskCompleted, {"failure": …}
    /// for TaskFailed.
    QJsonObject eventData() const
    {
        if (succeeded)
            return QJsonObject { { QStringLiteral("result"), m_result } };
        return QJsonObject { { QStringLiteral("failure"), failure ? failure->toJson() : QJsonObject() } };
    }
    /// eventData() as the store writes it (HistoryEvent::encodedData) for a success, written from
    /// the value (cheaper than writing the event object, which converts every member back); empty
    /// for a failure, whose data the store writes from the object.
    QByteArray eventDataText() const { return succeeded ? json::memberText(u"result", m_result) : QByteArray(); }

private:
    QJsonValue m_result;
};

} // namespace durable
