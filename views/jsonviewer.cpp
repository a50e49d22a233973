#include "jsonviewer.h"

#include "formatting.h"

#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace durable::views {

JsonViewer::JsonViewer(QWidget *parent)
    : QWidget(parent)
    , m_tree(new QTreeWidget(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({ tr("Key"), tr("Value") });
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_tree->setUniformRowHeights(true);
    auto *copy = new QToolButton(this);
    copy->setText(tr("Copy"));
    copy->setToolTip(tr("Copy the JSON to the clipboard"));
    connect(copy, &QToolButton::clicked, this, [this] { QApplication::clipboard()->setText(text()); });
    layout->addWidget(m_tree);
    layout->addWidget(copy, 0, Qt::AlignRight);
    setValue(QJsonValue(QJsonValue::Undefined));
}

QString JsonViewer::text() const
{
    if (m_value.isObject())
        return QString::fromUtf8(QJsonDocument(m_value.toObject()).toJson(QJsonDocument::Indented));
    if (m_value.isArray())
        return QString::fromUtf8(QJsonDocument(m_value.toArray()).toJson(QJsonDocument::Indented));
    return models::jsonPreview(m_value, 0);
}

void JsonViewer::setValue(const QJsonValue &value)
{
    m_value = value;
    m_tree->clear();
    if (value.isUndefined()) {
        auto *item = new QTreeWidgetItem(m_tree, { QString(), tr("(none)") });
        item->setDisabled(true);
        return;
    }
    auto *root = new QTreeWidgetItem(m_tree, { tr("value") });
    addChildren(root, value);
    m_tree->expandToDepth(1);
}

void JsonViewer::addChildren(QTreeWidgetItem *item, const QJsonValue &value)
{
    if (value.isObject()) {
        const auto object = value.toObject();
        item->setText(1, tr("{%n key(s)}", nullptr, int(object.size())));
        for (auto it = object.begin(); it != object.end(); ++it)
            addChildren(new QTreeWidgetItem(item, { it.key() }), it.value());
    } else if (value.isArray()) {
        const auto array = value.toArray();
        item->setText(1, tr("[%n item(s)]", nullptr, int(array.size())));
        for (int i = 0; i < array.size(); ++i)
            addChildren(new QTreeWidgetItem(item, { QStringLiteral("[%1]").arg(i) }), array.at(i));
    } else {
        item->setText(1,
                      value.isString() ? QLatin1Char('"') + value.toString() + QLatin1Char('"')
                                       : models::jsonPreview(value, 0));
    }
}

} // namespace durable::views
