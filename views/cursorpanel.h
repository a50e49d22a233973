#pragma once

#include <historycursor.h>

#include <QWidget>

class QLabel;
class QTreeWidget;

namespace durable::views {

/// Side panel of the history tab: the orchestration's state at the timeline cursor — the event,
/// what was pending, what had completed, the custom status (when known) and the log lines emitted
/// up to there.
class CursorPanel : public QWidget {
    Q_OBJECT
public:
    explicit CursorPanel(QWidget *parent = nullptr);
    void setState(const models::CursorState &state);
    const models::CursorState &state() const { return m_state; }
    QTreeWidget *tree() const { return m_tree; }
    QString title() const;

private:
    QLabel *m_title;
    QTreeWidget *m_tree;
    models::CursorState m_state;
};

} // namespace durable::views
