#pragma once

#include <types.h>

#include <QWidget>

class QComboBox;
class QDateTimeEdit;
class QLineEdit;
class QToolButton;

namespace durable::views {

/// Filters of the instance list: status multi-select, orchestrator name, id prefix/contains,
/// created-time presets (last hour/day/week) or a custom range. Emits queryChanged() with the
/// resulting InstanceQuery (sort fields untouched) after each edit, text edits debounced.
class FilterBar : public QWidget {
    Q_OBJECT
public:
    enum Preset { AnyTime, LastHour, LastDay, LastWeek, Custom };

    explicit FilterBar(const QStringList &orchestratorNames, QWidget *parent = nullptr);

    /// Fills the filter fields of `base` from the controls.
    InstanceQuery apply(InstanceQuery base) const;
    void setStatuses(const QSet<RuntimeStatus> &statuses);
    void setIdText(const QString &text, bool contains = false);
    void setPreset(Preset preset);
    /// Time source for the presets; nullptr: system clock.
    void setNow(std::function<QDateTime()> now) { m_now = std::move(now); }

    QToolButton *statusButton() const { return m_statusButton; }
    /// The last control in tab order: the custom range's end (Tab skips it while it is hidden).
    QWidget *lastControl() const;
    /// Puts the keyboard focus in the id filter.
    void focusIdFilter();

Q_SIGNALS:
    void changed();

private:
    void updateStatusText();

    QToolButton *m_statusButton;
    QList<QAction *> m_statusActions;
    QComboBox *m_name;
    QComboBox *m_idMode;
    QLineEdit *m_id;
    QComboBox *m_preset;
    QDateTimeEdit *m_from;
    QDateTimeEdit *m_to;
    std::function<QDateTime()> m_now;
};

} // namespace durable::views
