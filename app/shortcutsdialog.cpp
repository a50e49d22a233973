#include "shortcutsdialog.h"

#include <QAbstractButton>
#include <QAction>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSet>
#include <QShortcut>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

QString plainText(QString text)
{
    // "&&" is a literal ampersand; a single "&" marks the mnemonic.
    static const QRegularExpression mnemonic(u"&(.)"_s);
    text.replace(mnemonic, u"\\1"_s);
    text.remove(u'\t'); // some styles append the shortcut after a tab
    return text.trimmed();
}

QString keysOf(const QList<QKeySequence> &sequences)
{
    QStringList keys;
    for (const QKeySequence &sequence : sequences)
        if (!sequence.isEmpty())
            keys << sequence.toString(QKeySequence::NativeText);
    return keys.join(u", "_s);
}

struct Collector {
    QList<ShortcutEntry> entries;
    QList<QString> menuOrder;
    QSet<const QAction *> seen;

    void add(QAction *action, const QString &menu)
    {
        if (action->isSeparator() || seen.contains(action))
            return;
        seen.insert(action);
        if (action->menu()) {
            walk(action->menu(), menu + u" ▸ "_s + plainText(action->text()));
            return;
        }
        const QString keys = keysOf(action->shortcuts());
        if (keys.isEmpty())
            return;
        if (!menuOrder.contains(menu))
            menuOrder << menu;
        entries << ShortcutEntry { menu, plainText(action->text()), keys };
    }

    void walk(QMenu *menu, const QString &path)
    {
        // Open Recent and the like fill themselves when shown; their entries have no shortcuts.
        for (QAction *action : menu->actions())
            add(action, path);
    }
};

// Actions and buttons in no menu are listed under their dock ("Designer"), else under "Window".
QString groupOf(const QWidget *widget, const QString &other)
{
    for (; widget; widget = widget->parentWidget())
        if (const auto *dock = qobject_cast<const QDockWidget *>(widget))
            return plainText(dock->windowTitle());
    return other;
}

} // namespace

QList<ShortcutEntry> collectShortcuts(const QWidget *window)
{
    Collector collector;
    if (const auto *mainWindow = qobject_cast<const QMainWindow *>(window)) {
        for (QAction *action : mainWindow->menuBar()->actions())
            if (action->menu())
                collector.walk(action->menu(), plainText(action->text()));
    }
    const QString other = ShortcutsDialog::tr("Window");
    QList<QWidget *> widgets = window->findChildren<QWidget *>();
    widgets.prepend(const_cast<QWidget *>(window));
    for (QWidget *widget : std::as_const(widgets)) {
        // Floating docks and other windows of their own are still part of this window.
        if (qobject_cast<QMenu *>(widget))
            continue;
        for (QAction *action : widget->actions())
            collector.add(action, groupOf(widget, other));
    }
    for (QShortcut *shortcut : window->findChildren<QShortcut *>()) {
        if (shortcut->whatsThis().isEmpty() || shortcut->key().isEmpty())
            continue;
        const QString group = groupOf(qobject_cast<QWidget *>(shortcut->parent()), other);
        if (!collector.menuOrder.contains(group))
            collector.menuOrder << group;
        collector.entries << ShortcutEntry { group, shortcut->whatsThis(), keysOf(shortcut->keys()) };
    }
    // Buttons with a shortcut of their own (the Designer's Check is F5).
    for (QAbstractButton *button : window->findChildren<QAbstractButton *>()) {
        // A mnemonic ("&Approve" gives Alt+A) is underlined on the button already; it is no shortcut.
        if (button->shortcut().isEmpty() || button->text().isEmpty()
            || button->shortcut() == QKeySequence::mnemonic(button->text()))
            continue;
        const QString group = groupOf(button, other);
        if (!collector.menuOrder.contains(group))
            collector.menuOrder << group;
        collector.entries << ShortcutEntry { group, plainText(button->text()), keysOf({ button->shortcut() }) };
    }
    // Menus in menu bar order, "Window" last; the menus' own order would scatter related actions
    // among separators, the alphabet finds them.
    collector.menuOrder.removeAll(other);
    collector.menuOrder << other;
    std::ranges::stable_sort(collector.entries, [&](const ShortcutEntry &a, const ShortcutEntry &b) {
        const auto ia = collector.menuOrder.indexOf(a.menu);
        const auto ib = collector.menuOrder.indexOf(b.menu);
        if (ia != ib)
            return ia < ib;
        return QString::localeAwareCompare(a.action, b.action) < 0;
    });
    return collector.entries;
}

ShortcutsDialog::ShortcutsDialog(const QWidget *window, QWidget *parent)
    : QDialog(parent)
    , m_filter(new QLineEdit(this))
    , m_table(new QTableWidget(this))
{
    setObjectName(u"shortcutsDialog"_s);
    setWindowTitle(tr("Keyboard Shortcuts"));
    auto *layout = new QVBoxLayout(this);
    auto *label = new QLabel(tr("&Search:"), this);
    label->setBuddy(m_filter);
    m_filter->setObjectName(u"shortcutFilter"_s);
    m_filter->setPlaceholderText(tr("Menu, action or keys"));
    m_filter->setClearButtonEnabled(true);
    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(label);
    filterRow->addWidget(m_filter, 1);
    layout->addLayout(filterRow);

    const auto entries = collectShortcuts(window);
    m_table->setObjectName(u"shortcutTable"_s);
    m_table->setColumnCount(3);
    m_table->setHorizontalHeaderLabels({ tr("Menu"), tr("Action"), tr("Shortcut") });
    m_table->setRowCount(int(entries.size()));
    for (int row = 0; row < entries.size(); ++row) {
        const ShortcutEntry &entry = entries.at(row);
        m_table->setItem(row, 0, new QTableWidgetItem(entry.menu));
        m_table->setItem(row, 1, new QTableWidgetItem(entry.action));
        m_table->setItem(row, 2, new QTableWidgetItem(entry.keys));
    }
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setTabKeyNavigation(false);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->resizeColumnsToContents();
    m_table->resizeRowsToContents();
    layout->addWidget(m_table, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    connect(m_filter, &QLineEdit::textChanged, this, &ShortcutsDialog::applyFilter);
    m_filter->setFocus();
    resize(640, 560);
}

void ShortcutsDialog::applyFilter(const QString &text)
{
    const QString needle = text.trimmed();
    for (int row = 0; row < m_table->rowCount(); ++row) {
        bool match = needle.isEmpty();
        for (int column = 0; !match && column < m_table->columnCount(); ++column)
            match = m_table->item(row, column)->text().contains(needle, Qt::CaseInsensitive);
        m_table->setRowHidden(row, !match);
    }
}
