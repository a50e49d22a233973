#pragma once

#include <error.h>
#include <historycursor.h>
#include <historymodel.h>

#include <QWidget>

#include <functional>
#include <optional>

class QAction;
class QComboBox;
class QLabel;
class QMenu;
class QSplitter;
class QTableView;

namespace durable::views {

class CursorPanel;
class EventDetailPane;
class TimelineView;

/// History tab: the event table (filterable by type), the selected event's detail beside it, the
/// timeline and the cursor's side panel. Table and timeline share one selection: the table's
/// current event is the timeline's cursor, and the detail shows it. The table is compact by
/// default (readable names, no episode markers); "All events" shows every event by its engine name.
/// The history can be downloaded as JSON (with the instance's summary) or exported as CSV.
class HistoryPage : public QWidget {
    Q_OBJECT
public:
    explicit HistoryPage(QWidget *parent = nullptr);

    void setData(const History &history, const QList<LogLine> &logs, const QJsonValue &customStatus,
                 const QDateTime &now);
    /// The instance the history belongs to: its summary goes into the JSON download.
    void setInstance(const std::optional<InstanceInfo> &info) { m_info = info; }
    /// Moves the shared cursor (history index).
    void selectPosition(int position);
    void selectSequence(qint64 sequence);

    TimelineView *timeline() const { return m_timeline; }
    CursorPanel *panel() const { return m_panel; }
    EventDetailPane *detail() const { return m_detail; }
    /// Table and event detail side by side; its state is saved with the window's layout.
    QSplitter *detailSplitter() const { return m_detailSplitter; }
    /// Toggles between the compact view (checked off) and all events (Ctrl+Shift+E).
    QAction *allEventsAction() const { return m_allEventsAction; }
    /// Download history as JSON… (Ctrl+Shift+S) and Export history as CSV….
    QAction *downloadJsonAction() const { return m_downloadJsonAction; }
    QAction *exportCsvAction() const { return m_exportCsvAction; }
    /// Asks for the file to write (title, suggested name, filter); empty: cancelled. A save dialog
    /// by default; tests give a preset path.
    using FileChooser = std::function<QString(const QString &title, const QString &suggested, const QString &filter)>;
    void setFileChooser(FileChooser chooser) { m_chooseFile = std::move(chooser); }
    /// Writes the history shown (with the instance's summary) as JSON (models::historyDocument).
    Status writeHistoryJson(const QString &path) const;
    /// Writes the history shown as CSV (models::historyCsv).
    Status writeHistoryCsv(const QString &path) const;
    QTableView *table() const { return m_table; }
    models::HistoryModel *model() const { return m_model; }
    /// The event table's context menu for the row at `tableIndex` (invalid: none): Copy payload,
    /// Copy event (as JSON), Show in timeline, All events, Download JSON, Export CSV; parented to `parent`.
    QMenu *createContextMenu(const QModelIndex &tableIndex, QWidget *parent);
    /// An event as the JSON that "Copy event" puts on the clipboard.
    static QJsonObject eventJson(const HistoryEvent &event);
    /// The sub-orchestration instance that the event at `position` created or that completed or
    /// failed there; empty for any other event.
    static QString childInstanceAt(const History &history, int position);
    /// The instance that started this one as a sub-orchestration (from ExecutionStarted); empty
    /// for a top-level instance.
    QString parentInstanceId() const;
    /// The line above the table: the parent's link, and the current event's sub-orchestration.
    QLabel *linksLabel() const { return m_links; }

    /// The table's index of the event at history `position`; invalid while the compact view
    /// hides that event.
    QModelIndex tableIndexAt(int position) const;
    /// The event the table's current row shows (history position), -1 when none.
    qint64 currentSequence() const;

Q_SIGNALS:
    /// The parent link, or a sub-orchestration event (Enter, double-click, link, context menu).
    void instanceLinkActivated(const QString &instanceId);
    /// "Fork from here…" was chosen for the event at `sequence`.
    void forkRequested(qint64 sequence);

private:
    void cursorMoved(int position);
    void updateLinks();
    void exportHistory(bool json);

    models::HistoryModel *m_model;
    models::HistoryTypeFilterProxy *m_proxy;
    models::HistoryCursor m_cursor;
    QComboBox *m_typeFilter;
    QTableView *m_table;
    TimelineView *m_timeline;
    CursorPanel *m_panel;
    QLabel *m_links;
    EventDetailPane *m_detail;
    QSplitter *m_detailSplitter;
    QAction *m_allEventsAction;
    QAction *m_downloadJsonAction;
    QAction *m_exportCsvAction;
    FileChooser m_chooseFile;
    std::optional<InstanceInfo> m_info;
    bool m_syncing = false;
};

} // namespace durable::views
