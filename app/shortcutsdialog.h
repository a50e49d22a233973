#pragma once

#include <QDialog>

class QLineEdit;
class QTableWidget;

/// One line of Help ▸ Keyboard Shortcuts.
struct ShortcutEntry {
    /// "File", "File ▸ Open Recent"; for actions in no menu the dock they are in ("Designer"),
    /// else "Window"
    QString menu;
    QString action; ///< the action's text without mnemonics
    QString keys; ///< every shortcut of it in native text, comma separated
};

/// Every keyboard shortcut of `window`, read from its actions when called, so the list cannot go
/// stale: the menu bar's menus and submenus, then the actions of the window's widgets that are in
/// no menu (the content's, tool bars'), QShortcuts that describe themselves (whatsThis) and
/// buttons with a shortcut that is not just their mnemonic. Each action once, under the first
/// menu it is in; sorted by menu (menu bar order, then docks, "Window" last), then by text.
QList<ShortcutEntry> collectShortcuts(const QWidget *window);

/// Help ▸ Keyboard Shortcuts: collectShortcuts() in a table with a filter that matches menu,
/// action or keys.
class ShortcutsDialog : public QDialog {
    Q_OBJECT

public:
    explicit ShortcutsDialog(const QWidget *window, QWidget *parent = nullptr);

    QLineEdit *filter() const { return m_filter; }
    QTableWidget *table() const { return m_table; }

private:
    void applyFilter(const QString &text);

    QLineEdit *m_filter;
    QTableWidget *m_table;
};
