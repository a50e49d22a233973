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
    /// thousand (two batches' shares) and nearly all succeed, so an inline FailureDetails
    /// (240 bytes) would more than double each one.
    std::shared_ptr<const FailureDetails> failure;
    QList<LogLine> logs;
    quint64 launch = 0; ///< the launch token that produced it

    /// Records a success. The event data is built here, on the activity thread that ran it, with
    /// its stored text beside it: the writer thread, which every result passes through, then only
    /// moves them into the event (building them there took a fifth of a fan-out's writer time).
    /// The dispatcher takes a bounded number of results at a time (ActivityRunner holds the
    /// rest back), so the copies kept here do not grow with a fan-out's size.
    void succeed(const QJsonValue &value)
    {
        succeeded = true;
        failure.reset();
        if (value.isUndefined()) {
            m_data = QJsonObject();
            m_text.clear();
            return;
        }
        m_data = QJsonObject { { QStringLiteral("result"), value } };
        m_text = json::memberText(u"result", value);
    }
    void fail(FailureDetails details)
    {
        succeeded = false;
        m_data = QJsonObject();
        m_text.clear();
        failure = std::make_shared<const FailureDetails>(std::move(details));
    }
    /// The value a success returned; undefined for a failure.
    QJsonValue result() const
    {
        return succeeded ? m_data.value(QLatin1StringView("result")) : QJsonValue(QJsonValue::Undefined);
    }
    /// The size of the result's JSON text, in bytes (0 when it returned nothing).
    qsizetype resultBytes() const { return m_text.isEmpty() ? 0 : m_text.size() - qsizetype(sizeof(Wrapping) - 1); }
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
    QByteArray eventDataText() const { return m_text; }

private:
    /// What a success's text wraps around its value: {"result":…}.
    static constexpr char Wrapping[] = R"({"result":})";
    QJsonObject m_data; ///< a success's event data
    QByteArray m_text; ///< m_data as stored, written from the value
};

} // namespace durable
