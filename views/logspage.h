#pragma once

#include <logmodel.h>

#include <QWidget>

class QCheckBox;
class QTableView;

namespace durable::views {

/// Logs tab: the instance's log lines; lines logged while replaying are marked and dimmed and can
/// be hidden. Activating a line asks for its history event to be selected.
class LogsPage : public QWidget {
    Q_OBJECT
public:
    explicit LogsPage(QWidget *parent = nullptr);

    void setLines(const QList<LogLine> &lines, bool reset);
    models::LogModel *model() const { return m_model; }
    models::LogFilterProxy *proxy() const { return m_proxy; }
    QTableView *table() const { return m_table; }
    QCheckBox *hideReplayedBox() const { return m_hideReplayed; }

Q_SIGNALS:
    void historySequenceActivated(qint64 sequence);

private:
    models::LogModel *m_model;
    models::LogFilterProxy *m_proxy;
    QCheckBox *m_hideReplayed;
    QTableView *m_table;
};

} // namespace durable::views
