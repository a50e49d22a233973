#include "timelineview.h"

#include <formatting.h>

#include <QAction>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>

#include <algorithm>
#include <cmath>
#include <limits>

namespace durable::views {

using models::TimelineItem;

TimelineView::TimelineView(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setMouseTracking(true); // +/− zoom where the pointer is
    setToolTip(tr("←/→ step through the history, Home/End jump, wheel zooms, +/− zoom, F fits, drag to pan; "
                  "Ctrl+→/Ctrl+← expand/collapse the sub-orchestration at the cursor (or click its ▸)"));
    m_laneHeight = fontMetrics().height() + 6;
    createKeyActions();
}

void TimelineView::setHistory(const History &history, const QDateTime &now)
{
    const bool grew = !m_history.isEmpty() && !history.isEmpty() && history.first() == m_history.first();
    if (!grew) {
        // Another run: its children are others.
        ++m_generation;
        m_expanded.clear();
        m_children.clear();
    }
    m_now = now;
    m_history = history;
    m_layout = models::TimelineLayout::build(history, now);
    ++m_layoutBuilds;
    m_itemOfPosition = QList<int>(history.size(), -1);
    m_markers.clear();
    for (int i = 0; i < m_layout.items.size(); ++i) {
        const auto &item = m_layout.items.at(i);
        if (item.kind == TimelineItem::Kind::Event)
            m_markers.append(i);
        for (auto seq : { item.startSequence, item.endSequence }) {
            if (seq >= 0 && seq < m_itemOfPosition.size())
                m_itemOfPosition[seq] = i;
        }
    }
    // Markers by time, so painting finds the visible ones by binary search.
    std::stable_sort(m_markers.begin(), m_markers.end(),
                     [this](int a, int b) { return m_layout.items.at(a).start < m_layout.items.at(b).start; });
    rebuildRows();
    if (!grew || !m_fitted) {
        m_cursor = history.isEmpty() ? -1 : std::clamp(m_cursor, 0, int(history.size()) - 1);
        fit();
    } else {
        updateScrollBars();
        viewport()->update();
    }
    if (m_cursor >= history.size())
        setCursor(int(history.size()) - 1);
}

const models::TimelineItem &TimelineView::itemOf(const Row &row) const
{
    if (row.child.isEmpty())
        return m_layout.items.at(row.item);
    return m_children.constFind(row.child)->layout.items.at(row.item);
}

void TimelineView::rebuildRows()
{
    m_rows = { Row {} }; // row 0: the event markers
    m_rowOfItem = QList<int>(m_layout.items.size(), -1);
    appendRows(m_layout, m_history, {}, 0);
    updateScrollBars();
    viewport()->update();
}

void TimelineView::appendRows(const models::TimelineLayout &layout, const History &history, const QString &child,
                              int depth)
{
    // Items are ordered by start, as their lanes are: rows keep the lanes' order.
    for (int i = 0; i < layout.items.size(); ++i) {
        const auto &item = layout.items.at(i);
        if (item.lane <= 0)
            continue;
        Row row { depth, i, child, {}, {} };
        if (item.kind == TimelineItem::Kind::SubOrchestration && item.startSequence >= 0
            && item.startSequence < history.size())
            row.subOrchestration = history.at(item.startSequence).data.value(QStringLiteral("instanceId")).toString();
        if (child.isEmpty())
            m_rowOfItem[i] = int(m_rows.size());
        m_rows.append(row);
        // Depth-bounded: ids chosen by user code could name an ancestor.
        if (row.subOrchestration.isEmpty() || !m_expanded.contains(row.subOrchestration) || depth >= 8)
            continue;
        const auto found = m_children.constFind(row.subOrchestration);
        if (found == m_children.cend() || found->loading)
            m_rows.append(Row { depth + 1, -1, {}, {}, tr("Loading %1…").arg(row.subOrchestration) });
        else if (!found->error.isEmpty())
            m_rows.append(Row { depth + 1, -1, {}, {}, found->error });
        else if (found->layout.laneCount <= 1)
            m_rows.append(Row { depth + 1, -1, {}, {}, tr("No activities, timers or sub-orchestrations") });
        else
            appendRows(found->layout, found->history, row.subOrchestration, depth + 1);
    }
}

void TimelineView::setExpanded(const QString &instanceId, bool expanded)
{
    if (instanceId.isEmpty() || expanded == m_expanded.contains(instanceId) || (expanded && !m_childLoader))
        return;
    if (!expanded) {
        m_expanded.remove(instanceId);
        rebuildRows();
        return;
    }
    m_expanded.insert(instanceId);
    // Read afresh at every expansion: a child still running has moved on since.
    m_children[instanceId] = Child {};
    const int generation = m_generation;
    m_childLoader(instanceId).then(this, [this, instanceId, generation](const Result<History> &history) {
        if (generation != m_generation || !m_children.contains(instanceId))
            return;
        auto &child = m_children[instanceId];
        child.loading = false;
        if (history) {
            child.history = *history;
            child.layout = models::TimelineLayout::build(*history, m_now);
        } else {
            child.error = tr("Could not read %1: %2").arg(instanceId, history.error().message);
        }
        rebuildRows();
        Q_EMIT childLoaded(instanceId);
    });
    rebuildRows();
}

void TimelineView::expandAtCursor()
{
    const QString id = childAtCursor();
    if (id.isEmpty())
        return;
    if (!isExpanded(id)) {
        setExpanded(id, true);
        return;
    }
    // Open already: one level deeper, so that grandchildren are reached from the keyboard too.
    const int item = m_itemOfPosition.value(m_cursor, -1);
    const int first = m_rowOfItem.value(item, -1);
    QStringList deeper;
    for (int r = first + 1; first > 0 && r < m_rows.size() && m_rows.at(r).depth > 0; ++r) {
        const QString &child = m_rows.at(r).subOrchestration;
        if (!child.isEmpty() && !isExpanded(child))
            deeper << child;
    }
    for (const auto &child : std::as_const(deeper))
        setExpanded(child, true);
}

QString TimelineView::childAtCursor() const
{
    const int item = m_itemOfPosition.value(m_cursor, -1);
    const int row = item >= 0 ? m_rowOfItem.value(item, -1) : -1;
    return row > 0 ? m_rows.at(row).subOrchestration : QString();
}

QStringList TimelineView::rowLabels() const
{
    QStringList labels;
    for (int r = 1; r < m_rows.size(); ++r) {
        const auto &row = m_rows.at(r);
        const QString indent(row.depth * 2, u' ');
        if (row.item < 0) {
            labels << indent + row.note;
        } else {
            const auto &item = itemOf(row);
            labels << indent + QStringLiteral("#%1 %2").arg(item.actionId).arg(item.name);
        }
    }
    return labels;
}

void TimelineView::toggleRow(int row)
{
    if (row > 0 && row < m_rows.size() && !m_rows.at(row).subOrchestration.isEmpty()) {
        const QString id = m_rows.at(row).subOrchestration;
        setExpanded(id, !isExpanded(id));
    }
}

void TimelineView::setCursor(int position)
{
    if (m_history.isEmpty())
        return;
    position = std::clamp(position, 0, int(m_history.size()) - 1);
    if (position == m_cursor)
        return;
    m_cursor = position;
    ensureCursorVisible();
    viewport()->update();
    Q_EMIT cursorMoved(position);
}

qint64 TimelineView::msAt(int x) const
{
    const qint64 origin = m_layout.begin.isValid() ? m_layout.begin.toMSecsSinceEpoch() : 0;
    return origin + qint64((x - m_labelWidth + horizontalScrollBar()->value()) * m_msPerPixel);
}

int TimelineView::xOf(const QDateTime &time) const
{
    if (!time.isValid() || !m_layout.begin.isValid())
        return m_labelWidth;
    const double ms = double(m_layout.begin.msecsTo(time));
    // Clamped: a 72-hour timer at a millisecond zoom would overflow int.
    return int(std::clamp(m_labelWidth + std::floor(ms / m_msPerPixel) - horizontalScrollBar()->value(), -1e6, 1e6));
}

void TimelineView::fit()
{
    const int width = std::max(50, viewport()->width() - m_labelWidth - 20);
    const qint64 span = m_layout.begin.isValid() ? std::max<qint64>(m_layout.begin.msecsTo(m_layout.end), 1) : 1000;
    m_msPerPixel = std::max(1e-4, double(span) / width);
    m_fitted = true;
    updateScrollBars();
    horizontalScrollBar()->setValue(0);
    viewport()->update();
}

void TimelineView::zoomBy(double factor, int anchorX)
{
    const qint64 anchorMs = msAt(anchorX);
    m_msPerPixel = std::clamp(m_msPerPixel / factor, 1e-4, 1e9);
    updateScrollBars();
    const qint64 origin = m_layout.begin.isValid() ? m_layout.begin.toMSecsSinceEpoch() : 0;
    const int value = int(std::lround((anchorMs - origin) / m_msPerPixel)) - (anchorX - m_labelWidth);
    // Near the end of the run the content may end before the anchor's new place: scroll past it
    // rather than let the time under the anchor slide away.
    if (value > horizontalScrollBar()->maximum())
        horizontalScrollBar()->setMaximum(value);
    horizontalScrollBar()->setValue(value);
    viewport()->update();
}

void TimelineView::updateScrollBars()
{
    const qint64 span = m_layout.begin.isValid() ? m_layout.begin.msecsTo(m_layout.end) : 0;
    const int contentWidth = int(std::min<double>(span / m_msPerPixel + 20, 1e9));
    const int visibleWidth = viewport()->width() - m_labelWidth;
    horizontalScrollBar()->setRange(0, std::max(0, contentWidth - visibleWidth));
    horizontalScrollBar()->setPageStep(visibleWidth);
    const int contentHeight = int(m_rows.size()) * m_laneHeight;
    const int visibleHeight = viewport()->height() - m_axisHeight;
    verticalScrollBar()->setRange(0, std::max(0, contentHeight - visibleHeight));
    verticalScrollBar()->setPageStep(visibleHeight);
    verticalScrollBar()->setSingleStep(m_laneHeight);
}

void TimelineView::ensureCursorVisible()
{
    if (m_cursor < 0)
        return;
    const int x = xOf(m_history.at(m_cursor).timestamp);
    if (x < m_labelWidth || x > viewport()->width() - 10)
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() + x - m_labelWidth - viewport()->width() / 3);
    const int item = m_itemOfPosition.value(m_cursor, -1);
    if (item >= 0) {
        const int y = m_rowOfItem.value(item, 0) * m_laneHeight;
        auto *bar = verticalScrollBar();
        if (y < bar->value() || y > bar->value() + bar->pageStep() - m_laneHeight)
            bar->setValue(y - bar->pageStep() / 2);
    }
}

QColor TimelineView::colorOf(const TimelineItem &item) const
{
    return outcomeColor(item, palette());
}

QColor TimelineView::outcomeColor(const TimelineItem &item, const QPalette &palette)
{
    return models::readableOn(baseOutcomeColor(item), palette.color(QPalette::Base));
}

QColor TimelineView::baseOutcomeColor(const TimelineItem &item)
{
    switch (item.outcome) {
    case TimelineItem::Outcome::Completed:
        return QColor(0x2e, 0x9d, 0x4f);
    case TimelineItem::Outcome::Failed:
        return QColor(0xd3, 0x2f, 0x2f);
    case TimelineItem::Outcome::Fired:
        return QColor(0x7e, 0x57, 0xc2);
    case TimelineItem::Outcome::Cancelled:
        return QColor(0xbd, 0xbd, 0xbd);
    case TimelineItem::Outcome::Pending:
        return item.kind == TimelineItem::Kind::Timer ? QColor(0xb3, 0x9d, 0xdb) : QColor(0x1e, 0x88, 0xe5);
    case TimelineItem::Outcome::Marker:
        break;
    }
    return QColor(0xf5, 0x7c, 0x00);
}

void TimelineView::paintEvent(QPaintEvent *)
{
    QPainter p(viewport());
    const auto &pal = palette();
    p.fillRect(viewport()->rect(), pal.base());
    const int w = viewport()->width();
    const int h = viewport()->height();
    const int top = verticalScrollBar()->value();
    // Only lanes in view: [first, last].
    const int firstLane = std::max(0, top / m_laneHeight);
    const int lastLane = std::min(int(m_rows.size()) - 1, (top + h - m_axisHeight) / m_laneHeight + 1);
    const int cursorItem = m_itemOfPosition.value(m_cursor, -1);
    m_paintedItems = 0;
    p.setClipRect(0, m_axisHeight, w, h - m_axisHeight);
    for (int lane = firstLane; lane <= lastLane; ++lane) {
        const int y = m_axisHeight + lane * m_laneHeight - top;
        if (lane % 2)
            p.fillRect(0, y, w, m_laneHeight, pal.alternateBase());
        if (lane == 0) {
            p.setPen(pal.color(QPalette::PlaceholderText));
            p.drawText(QRect(4, y, m_labelWidth - 8, m_laneHeight), Qt::AlignVCenter, tr("events"));
            continue;
        }
        const Row &row = m_rows.at(lane);
        const int indent = 4 + row.depth * 10;
        const int expander = fontMetrics().horizontalAdvance(u'▸') + 4;
        if (row.item < 0) { // a child loading, unreadable or empty
            p.setPen(pal.color(QPalette::PlaceholderText));
            p.drawText(QRect(indent + expander, y, w - indent - expander, m_laneHeight), Qt::AlignVCenter, row.note);
            continue;
        }
        const auto &item = itemOf(row);
        const bool atCursor = row.child.isEmpty() && row.item == cursorItem;
        const int x0 = std::max(m_labelWidth - 2, xOf(item.start));
        const auto &end = row.child.isEmpty() ? m_layout.end : m_children.constFind(row.child)->layout.end;
        const int x1 = std::min(w + 2, std::max(x0 + 2, xOf(item.end.isValid() ? item.end : end)));
        // A child's bars are thinner: they run inside their parent's bar above.
        const int inset = row.child.isEmpty() ? 3 : 5;
        const QRect bar(x0, y + inset, x1 - x0, m_laneHeight - 2 * inset);
        if (x1 >= m_labelWidth && x0 <= w) {
            p.fillRect(bar, colorOf(item));
            ++m_paintedItems;
            if (atCursor) {
                p.setPen(QPen(pal.color(QPalette::Text), 2));
                p.drawRect(bar.adjusted(-1, -1, 1, 1));
            }
        }
        p.setPen(atCursor ? pal.color(QPalette::Highlight) : pal.color(QPalette::Text));
        p.fillRect(0, y, m_labelWidth, m_laneHeight, lane % 2 ? pal.alternateBase() : pal.base());
        if (!row.subOrchestration.isEmpty())
            p.drawText(QRect(indent, y, expander, m_laneHeight), Qt::AlignVCenter,
                       isExpanded(row.subOrchestration) ? QStringLiteral("▾") : QStringLiteral("▸"));
        const int textX = indent + expander;
        p.drawText(QRect(textX, y, m_labelWidth - textX - 4, m_laneHeight), Qt::AlignVCenter,
                   fontMetrics().elidedText(QStringLiteral("#%1 %2").arg(item.actionId).arg(item.name), Qt::ElideRight,
                                            m_labelWidth - textX - 4));
    }
    // Markers on lane 0, when visible: only those whose time falls in the viewport (±marker size).
    if (firstLane == 0 && m_layout.begin.isValid()) {
        const int y = m_axisHeight - top;
        const auto from = QDateTime::fromMSecsSinceEpoch(msAt(m_labelWidth - 6), Qt::UTC);
        auto it = std::lower_bound(m_markers.cbegin(), m_markers.cend(), from, [this](int index, const QDateTime &t) {
            return m_layout.items.at(index).start < t;
        });
        int lastX = std::numeric_limits<int>::min();
        for (; it != m_markers.cend(); ++it) {
            const int i = *it;
            const auto &item = m_layout.items.at(i);
            const int x = xOf(item.start);
            if (x > w + 6)
                break;
            // Zoomed out, thousands of episodes share a pixel: one diamond per two pixels says as much.
            if (x < m_labelWidth || (x <= lastX + 1 && i != cursorItem))
                continue;
            lastX = x;
            ++m_paintedItems;
            const QPolygon diamond({ QPoint(x, y + 3), QPoint(x + 5, y + m_laneHeight / 2),
                                     QPoint(x, y + m_laneHeight - 3), QPoint(x - 5, y + m_laneHeight / 2) });
            p.setPen(i == cursorItem ? QPen(pal.color(QPalette::Text), 2) : QPen(Qt::NoPen));
            p.setBrush(colorOf(item));
            p.drawPolygon(diamond);
        }
    }
    p.setClipping(false);
    // Time axis.
    p.fillRect(0, 0, w, m_axisHeight, pal.window());
    p.setPen(pal.color(QPalette::WindowText));
    const double pixelsPerTick = 100;
    const qint64 tickMs = std::max<qint64>(1, qint64(pixelsPerTick * m_msPerPixel));
    const qint64 origin = m_layout.begin.isValid() ? m_layout.begin.toMSecsSinceEpoch() : 0;
    const qint64 firstMs = msAt(m_labelWidth) - origin;
    for (qint64 t = std::max<qint64>(0, firstMs - firstMs % tickMs); t <= msAt(w) - origin; t += tickMs) {
        const int x = m_labelWidth + int(t / m_msPerPixel) - horizontalScrollBar()->value();
        p.drawLine(x, m_axisHeight - 5, x, m_axisHeight);
        const QString label
            = t < 10000 ? QStringLiteral("+%1 ms").arg(t) : QStringLiteral("+%1 s").arg(t / 1000.0, 0, 'f', 1);
        p.drawText(x + 3, m_axisHeight - 7, label);
    }
    // Cursor line.
    if (m_cursor >= 0) {
        const int x = xOf(m_history.at(m_cursor).timestamp);
        if (x >= m_labelWidth && x <= w) {
            p.setPen(QPen(pal.color(QPalette::Highlight), 2));
            p.drawLine(x, 0, x, h);
        }
    }
}

void TimelineView::keyPressEvent(QKeyEvent *event)
{
    // The actions' shortcuts fire first while the window is active; this serves the same keys when
    // events reach the view directly (an inactive window, synthesized input).
    // "+" is Shift+= on many layouts and may come from the keypad: only other modifiers matter.
    const auto modifiers = event->modifiers() & ~(Qt::ShiftModifier | Qt::KeypadModifier);
    for (const QAction *action : actions()) {
        for (const QKeySequence &key : action->shortcuts()) {
            if (key.count() == 1 && key[0].key() == event->key()
                && (key[0].keyboardModifiers() & ~Qt::ShiftModifier) == modifiers) {
                const_cast<QAction *>(action)->trigger();
                event->accept();
                return;
            }
        }
    }
    QAbstractScrollArea::keyPressEvent(event);
}

void TimelineView::createKeyActions()
{
    // Actions rather than a key switch, so that Help ▸ Keyboard Shortcuts lists them.
    const auto add = [this](const QString &text, QList<QKeySequence> keys, auto slot) {
        auto *action = new QAction(text, this);
        action->setShortcuts(keys);
        action->setShortcutContext(Qt::WidgetShortcut);
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
    };
    add(tr("Timeline: previous event"), { QKeySequence(Qt::Key_Left) }, [this] { setCursor(m_cursor - 1); });
    add(tr("Timeline: next event"), { QKeySequence(Qt::Key_Right) }, [this] { setCursor(m_cursor + 1); });
    add(tr("Timeline: first event"), { QKeySequence(Qt::Key_Home) }, [this] { setCursor(0); });
    add(tr("Timeline: last event"), { QKeySequence(Qt::Key_End) }, [this] { setCursor(int(m_history.size()) - 1); });
    add(tr("Timeline: zoom in at the pointer"), { QKeySequence(Qt::Key_Plus), QKeySequence(Qt::Key_Equal) },
        [this] { zoomBy(1.5, zoomAnchor()); });
    add(tr("Timeline: zoom out at the pointer"), { QKeySequence(Qt::Key_Minus) },
        [this] { zoomBy(1 / 1.5, zoomAnchor()); });
    add(tr("Timeline: fit the run"), { QKeySequence(Qt::Key_F) }, [this] { fit(); });
    add(tr("Timeline: expand the sub-orchestration at the cursor"), { QKeySequence(Qt::CTRL | Qt::Key_Right) },
        [this] { expandAtCursor(); });
    add(tr("Timeline: collapse the sub-orchestration at the cursor"), { QKeySequence(Qt::CTRL | Qt::Key_Left) },
        [this] { setExpanded(childAtCursor(), false); });
}

void TimelineView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ShiftModifier) {
        verticalScrollBar()->setValue(verticalScrollBar()->value() - event->angleDelta().y() / 2);
    } else {
        const double steps = event->angleDelta().y() / 120.0;
        zoomBy(std::pow(1.25, steps), int(event->position().x()));
    }
    event->accept();
}

int TimelineView::positionAt(const QPoint &point) const
{
    if (m_history.isEmpty())
        return -1;
    const int lane = (point.y() - m_axisHeight + verticalScrollBar()->value()) / m_laneHeight;
    const qint64 ms = msAt(point.x());
    const Row *row = lane > 0 && lane < m_rows.size() ? &m_rows.at(lane) : nullptr;
    if (row && row->item >= 0 && row->child.isEmpty()) {
        const auto &item = m_layout.items.at(row->item);
        // Nearer the end of the bar: the completion event; else the scheduling event.
        if (item.endSequence >= 0 && item.end.isValid()
            && std::abs(ms - item.end.toMSecsSinceEpoch()) < std::abs(ms - item.start.toMSecsSinceEpoch()))
            return int(item.endSequence);
        return int(item.startSequence);
    }
    // Elsewhere: the event nearest in time (the history is ordered by time).
    int best = 0;
    qint64 bestDistance = std::numeric_limits<qint64>::max();
    for (int i = 0; i < m_history.size(); ++i) {
        const qint64 d = std::abs(m_history.at(i).timestamp.toMSecsSinceEpoch() - ms);
        if (d < bestDistance) {
            bestDistance = d;
            best = i;
        }
    }
    return best;
}

void TimelineView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        m_dragStart = event->pos();
        m_dragScroll = QPoint(horizontalScrollBar()->value(), verticalScrollBar()->value());
        m_dragging = false;
    }
}

int TimelineView::zoomAnchor() const
{
    if (m_pointerX >= m_labelWidth && m_pointerX < viewport()->width())
        return m_pointerX;
    if (m_cursor >= 0) {
        const int x = xOf(m_history.at(m_cursor).timestamp);
        if (x >= m_labelWidth && x < viewport()->width())
            return x;
    }
    return (m_labelWidth + viewport()->width()) / 2;
}

bool TimelineView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::Leave)
        m_pointerX = -1;
    return QAbstractScrollArea::viewportEvent(event);
}

void TimelineView::mouseMoveEvent(QMouseEvent *event)
{
    m_pointerX = int(event->position().x());
    if (!(event->buttons() & Qt::LeftButton))
        return;
    const QPoint delta = event->pos() - m_dragStart;
    if (delta.manhattanLength() > 4)
        m_dragging = true;
    if (m_dragging) {
        horizontalScrollBar()->setValue(m_dragScroll.x() - delta.x());
        verticalScrollBar()->setValue(m_dragScroll.y() - delta.y());
    }
}

void TimelineView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && !m_dragging) {
        // A click on a sub-orchestration's label toggles its expander.
        const int row = (event->pos().y() - m_axisHeight + verticalScrollBar()->value()) / m_laneHeight;
        if (event->pos().x() < m_labelWidth && event->pos().y() >= m_axisHeight && row > 0 && row < m_rows.size()
            && !m_rows.at(row).subOrchestration.isEmpty()) {
            toggleRow(row);
            m_dragging = false;
            return;
        }
        const int position = positionAt(event->pos());
        if (position >= 0)
            setCursor(position);
    }
    m_dragging = false;
}

void TimelineView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

} // namespace durable::views
