#pragma once

#include <error.h>
#include <timelinelayout.h>

#include <QAbstractScrollArea>
#include <QFuture>
#include <QHash>
#include <QSet>

#include <functional>

namespace durable::views {

/// Custom-painted history timeline: one lane per activity, sub-orchestration and timer (bars from
/// scheduled to completed, coloured by outcome; timers to their due time), events as markers on
/// the top lane. Only the lanes and items in the viewport are painted, so 10,000 activities scroll
/// smoothly. A cursor marks a history position: ←/→ step event by event, Home/End jump, a click
/// moves it to the event under the mouse. Wheel zooms at the mouse; +/− zoom at the mouse while
/// it is over the timeline, else at the cursor (when in view); F fits; dragging or Shift+wheel pans.
///
/// Nested Gantt: a sub-orchestration's bar has an expander (▸ in its label; Ctrl+Right and
/// Ctrl+Left expand and collapse the one at the cursor, Ctrl+Right again opens the level below). Expanding reads the
/// child's history through the child loader (off the GUI thread) and shows its activities, timers and
/// sub-orchestrations (expandable in turn) as indented rows under the bar, on the same time axis.
class TimelineView : public QAbstractScrollArea {
    Q_OBJECT
public:
    explicit TimelineView(QWidget *parent = nullptr);

    /// `now` extends pending bars while the instance runs. Keeps the zoom when the history grows.
    void setHistory(const History &history, const QDateTime &now = {});
    const models::TimelineLayout &layout() const { return m_layout; }

    /// History index of the cursor, -1 without history.
    int cursor() const { return m_cursor; }
    void setCursor(int position);
    double msPerPixel() const { return m_msPerPixel; }
    void zoomBy(double factor, int anchorX);
    void fit();
    /// X of a time in viewport coordinates.
    int xOf(const QDateTime &time) const;
    int laneHeight() const { return m_laneHeight; }
    /// The history index whose item or marker is nearest to a viewport point.
    int positionAt(const QPoint &point) const;
    /// Bars and markers drawn by the last paint: bounded by the lanes and time span in view, not by
    /// the history's length (tests check it on a 10,000-activity fan-out).
    int paintedItemCount() const { return m_paintedItems; }
    /// Colour of a bar or marker on `palette`: by outcome, adjusted to stay readable on its base
    /// (light or dark).
    static QColor outcomeColor(const models::TimelineItem &item, const QPalette &palette);
    /// How often setHistory() rebuilt the layout.
    int layoutBuildCount() const { return m_layoutBuilds; }

    /// Reads a sub-orchestration's history for the nested rows; without one nothing expands.
    using ChildLoader = std::function<QFuture<Result<History>>(const QString &instanceId)>;
    void setChildLoader(ChildLoader loader) { m_childLoader = std::move(loader); }
    /// Expands (or collapses) the sub-orchestration `instanceId` wherever its bar is shown.
    void setExpanded(const QString &instanceId, bool expanded);
    bool isExpanded(const QString &instanceId) const { return m_expanded.contains(instanceId); }
    /// Ctrl+Right: expands the sub-orchestration at the cursor; when it is open already, every
    /// collapsed sub-orchestration shown under it (one level deeper per press).
    void expandAtCursor();
    /// The child instance of the sub-orchestration bar at the cursor; empty when it is no such bar.
    QString childAtCursor() const;
    /// The rows below the event markers, as labelled: nested ones indented by two spaces a level.
    QStringList rowLabels() const;

Q_SIGNALS:
    void cursorMoved(int position);
    /// A child's history arrived (or could not be read) and its rows are shown.
    void childLoaded(const QString &instanceId);

protected:
    void paintEvent(QPaintEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool viewportEvent(QEvent *event) override;

private:
    /// One row of the chart below the markers: an item of this run's layout or of an expanded
    /// child's (`child` names it), or a line saying that a child is loading or failed to load.
    struct Row {
        int depth = 0;
        int item = -1; ///< index into the layout of `child` (empty: this run's)
        QString child;
        QString subOrchestration; ///< the instance this row's bar created, when it is one
        QString note; ///< loading / error text instead of a bar
    };
    struct Child {
        History history;
        models::TimelineLayout layout;
        bool loading = true;
        QString error;
    };
    const models::TimelineItem &itemOf(const Row &row) const;
    void rebuildRows();
    void appendRows(const models::TimelineLayout &layout, const History &history, const QString &child, int depth);
    void toggleRow(int row);
    /// Viewport x that +/− keep fixed: the pointer's, else the cursor's, else the middle.
    int zoomAnchor() const;
    void createKeyActions();
    void updateScrollBars();
    void ensureCursorVisible();
    qint64 msAt(int x) const;
    QColor colorOf(const models::TimelineItem &item) const;
    static QColor baseOutcomeColor(const models::TimelineItem &item);

    History m_history;
    models::TimelineLayout m_layout;
    QList<Row> m_rows; ///< row -> what it shows (row 0 unused: markers)
    QList<int> m_rowOfItem; ///< item index of this run's layout -> row
    QList<int> m_itemOfPosition; ///< history index -> item index or -1
    QList<int> m_markers; ///< item indexes of event markers, ordered by time
    int m_paintedItems = 0;
    int m_layoutBuilds = 0;
    int m_cursor = -1;
    double m_msPerPixel = 10.0;
    int m_laneHeight = 18;
    int m_axisHeight = 22;
    int m_labelWidth = 150;
    bool m_fitted = false;
    QPoint m_dragStart;
    QPoint m_dragScroll;
    bool m_dragging = false;
    int m_pointerX = -1; ///< the mouse's x over the viewport, -1 while it is elsewhere
    ChildLoader m_childLoader;
    QSet<QString> m_expanded;
    QHash<QString, Child> m_children;
    QDateTime m_now;
    int m_generation = 0; ///< bumped when another run is shown: late child reads are dropped
};

} // namespace durable::views
