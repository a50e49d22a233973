#pragma once

#include "hubcopy.h"

#include <QDialog>

class QLineEdit;

/// File ▸ Copy Hub To…: asks where to copy the open hub (a new file, an empty hub file or a
/// postgresql:// URL), and runs the copy with a progress dialog whose Cancel removes what was
/// copied so far.
class HubCopyDialog : public QDialog {
    Q_OBJECT

public:
    HubCopyDialog(const QString &from, QWidget *parent = nullptr);

    /// The destination as typed or chosen: a file path made absolute, or a URL as given.
    QString destination() const;

    /// Copies `from` into `to` on a thread of its own while a modal progress dialog over `parent`
    /// shows how far it is; Cancel there stops the copy, which then removes what it wrote.
    static durable::HubCopyResult copyWithProgress(QWidget *parent, const QString &from, const QString &to,
                                                   durable::SyncMode sync);

private:
    void browse();

    QString m_from;
    QLineEdit *m_destination = nullptr;
};
