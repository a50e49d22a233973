#pragma once

#include <QJsonValue>
#include <QWidget>

class QTreeWidget;
class QTreeWidgetItem;

namespace durable::views {

/// Read-only JSON viewer: a collapsible tree (objects and arrays fold) with a Copy button that
/// puts the pretty-printed JSON on the clipboard.
class JsonViewer : public QWidget {
    Q_OBJECT
public:
    explicit JsonViewer(QWidget *parent = nullptr);
    void setValue(const QJsonValue &value);
    QJsonValue value() const { return m_value; }
    /// Pretty JSON text of the value (what Copy copies).
    QString text() const;
    QTreeWidget *tree() const { return m_tree; }

private:
    void addChildren(QTreeWidgetItem *parent, const QJsonValue &value);

    QTreeWidget *m_tree;
    QJsonValue m_value;
};

} // namespace durable::views
