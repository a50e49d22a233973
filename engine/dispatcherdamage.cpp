// The dispatcher's "damaged" state: entered when a read or write finds a damaged page after the
// hub was opened; from then on nothing runs and every write is refused.
#include "dispatcher.h"

namespace durable {

Error Dispatcher::damagedError(const QString &hubPath, const Error &reason)
{
    return Error { ErrorCode::Damaged,
                   QStringLiteral("the task hub '%1' is damaged and read-only until it is repaired (%2: %3). Check it "
                                  "with the workbench's integrity check or `sqlite3 '%1' \"PRAGMA integrity_check\"`, "
                                  "then restore it from a backup or recover it with sqlite3's .recover")
                       .arg(hubPath, errorCodeName(reason.code), reason.message) };
}

bool Dispatcher::checkDamage()
{
    if (m_damage)
        return true;
    if (!m_damageSource)
        return false;
    const auto reason = m_damageSource();
    if (reason)
        enterDamaged(*reason);
    return reason.has_value();
}

void Dispatcher::enterDamaged(const Error &reason)
{
    if (m_damage)
        return;
    m_damage = damagedError(m_options.hubPath, reason);
    m_dueTimer.stop();
    m_retryTimer.stop();
    // Nothing more may run: a step on a damaged hub could act on a history it cannot read whole.
    // Work rows stay, so a repaired hub runs them again (at least once, as after a crash).
    m_activities.setStartDeadline(0);
    m_activities.abandonAll();
    m_results.clear();
    m_cache.clear();
    dropRemote(QStringLiteral("the task hub is damaged"));
    for (auto &c : std::exchange(m_queuedCommands, {})) {
        c.run(); // refused by withCommands()
        c.finish(std::nullopt);
    }
}

} // namespace durable
