#pragma once

#include <historycursor.h>
#include <historymodel.h>

#include <QWidget>

class QComboBox;
class QMenu;
class QTableView;

namespace durable::views {

class CursorPanel;
class TimelineView;

/// History tab: the event table (filterable by type), the timeline and the cursor's side panel.
/// Table and timeline share one selection: the table's current event is the timeline's cursor.
class HistoryPage : public QWidget {
    Q_OBJECT
public:
    explicit HistoryPage(QWidget *parent = nullptr);

    void setData(const History &history, const QList<LogLine> &logs, const QJsonValue &customStatus,
                 const QDateTime &now);
    /// Moves the shared cursor (history index).
    void selectPosition(int position);
    void selectSequence(qint64 sequence);

    TimelineView *timeline() const { return m_timeline; }
    CursorPanel *panel() const { return m_panel; }
    QTableView *table() const { return m_table; }
    models::HistoryModel *model() const { return m_model; }
    /// The event table's context menu for the row at `tableIndex` (invalid: none): Copy payload,
    /// Copy event (as JSON), Show in timeline; parented to `parent`.
    QMenu *createContextMenu(const QModelIndex &tableIndex, QWidget *parent);
    /// An event as the JSON that "Copy event" puts on the clipboard.
    static QJsonObject eventJson(const HistoryEvent &event);
    /// The event the table's current row shows (history position), -1 when none.
    qint64 currentSequence() const;

Q_SIGNALS:
    /// "Fork from here…" was chosen for the event at `sequence`.
    void forkRequested(qint64 sequence);

private:
    void cursorMoved(int position);

    models::HistoryModel *m_model;
    models::HistoryTypeFilterProxy *m_proxy;
    models::HistoryCursor m_cursor;
    QComboBox *m_typeFilter;
    QTableView *m_table;
    TimelineView *m_timeline;
    CursorPanel *m_panel;
    bool m_syncing = false;
};

} // namespace durable::views
