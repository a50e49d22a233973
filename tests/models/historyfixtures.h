#pragma once

// Hand-written histories shaped like the engine's, for the pure history computations.

#include <types.h>

#include <QJsonArray>

namespace fixtures {

using namespace durable;

class HistoryBuilder {
public:
    explicit HistoryBuilder(QDateTime start = QDateTime(QDate(2024, 1, 1), QTime(12, 0), Qt::UTC))
        : m_time(start)
    {
    }
    HistoryBuilder &at(qint64 msFromStart)
    {
        m_now = m_time.addMSecs(msFromStart);
        return *this;
    }
    HistoryBuilder &add(EventType type, int eventId = -1, int taskId = -1, const QString &name = {},
                        const QJsonObject &data = {})
    {
        HistoryEvent e;
        e.sequence = m_history.size();
        e.type = type;
        e.eventId = eventId;
        e.taskId = taskId;
        e.name = name;
        e.data = data;
        e.timestamp = m_now.isValid() ? m_now : m_time;
        m_history.append(e);
        return *this;
    }
    History build() const { return m_history; }

private:
    QDateTime m_time;
    QDateTime m_now;
    History m_history;
};

/// Approval: RequestApproval (id 0), then a 72 h timer (id 1) racing ApprovalEvent, approved at
/// 5 s, ProcessApproval (id 2), completed with "approved". Sequences:
///  0 OrchestratorStarted  1 ExecutionStarted  2 TaskScheduled#0  3 OrchestratorCompleted
///  4 OrchestratorStarted  5 TaskCompleted#0   6 TimerCreated#1   7 OrchestratorCompleted
///  8 OrchestratorStarted  9 EventRaised       10 TaskScheduled#2 11 OrchestratorCompleted
/// 12 OrchestratorStarted 13 TaskCompleted#2  14 ExecutionCompleted 15 OrchestratorCompleted
inline History approvalHistory()
{
    const auto fireAt = QDateTime(QDate(2024, 1, 4), QTime(12, 0, 1), Qt::UTC).toString(Qt::ISODateWithMs);
    HistoryBuilder b;
    b.at(0).add(EventType::OrchestratorStarted).add(EventType::ExecutionStarted, -1, -1, QStringLiteral("Approval"),
                                                     { { QStringLiteral("input"), QStringLiteral("order-1") } });
    b.add(EventType::TaskScheduled, 0, -1, QStringLiteral("RequestApproval")).add(EventType::OrchestratorCompleted);
    b.at(1000).add(EventType::OrchestratorStarted).add(EventType::TaskCompleted, -1, 0, {}, { { QStringLiteral("result"), true } });
    b.add(EventType::TimerCreated, 1, -1, {}, { { QStringLiteral("fireAt"), fireAt } })
        .add(EventType::OrchestratorCompleted, -1, -1, {}, { { QStringLiteral("customStatus"), QStringLiteral("waiting") } });
    b.at(5000).add(EventType::OrchestratorStarted).add(EventType::EventRaised, -1, -1, QStringLiteral("ApprovalEvent"),
                                                        { { QStringLiteral("input"), true } });
    b.add(EventType::TaskScheduled, 2, -1, QStringLiteral("ProcessApproval")).add(EventType::OrchestratorCompleted);
    b.at(6000).add(EventType::OrchestratorStarted).add(EventType::TaskCompleted, -1, 2, {}, { { QStringLiteral("result"), QStringLiteral("approved") } });
    b.add(EventType::ExecutionCompleted, -1, -1, {}, { { QStringLiteral("result"), QStringLiteral("approved") } })
        .add(EventType::OrchestratorCompleted);
    return b.build();
}

/// Fan-out of `n` activities scheduled at 0 ms; activity i completes at (i+1)*10 ms, every
/// `failEvery`-th fails (0: none). Pending: the last `pending` activities have no completion.
inline History fanOutHistory(int n, int failEvery = 0, int pending = 0)
{
    HistoryBuilder b;
    b.at(0).add(EventType::OrchestratorStarted).add(EventType::ExecutionStarted, -1, -1, QStringLiteral("FanOut"));
    for (int i = 0; i < n; ++i)
        b.add(EventType::TaskScheduled, i, -1, QStringLiteral("Work"));
    b.add(EventType::OrchestratorCompleted);
    for (int i = 0; i < n - pending; ++i) {
        b.at((i + 1) * 10).add(EventType::OrchestratorStarted);
        if (failEvery > 0 && (i + 1) % failEvery == 0)
            b.add(EventType::TaskFailed, -1, i, {}, { { QStringLiteral("failure"), QJsonObject { { QStringLiteral("errorType"), QStringLiteral("E") } } } });
        else
            b.add(EventType::TaskCompleted, -1, i, {}, { { QStringLiteral("result"), i } });
        b.add(EventType::OrchestratorCompleted);
    }
    return b.build();
}

inline LogLine logLine(qint64 id, qint64 sequence, bool replaying, const QString &message)
{
    LogLine line;
    line.id = id;
    line.historySequence = sequence;
    line.replaying = replaying;
    line.message = message;
    line.source = QStringLiteral("orchestrator");
    return line;
}

} // namespace fixtures
