#pragma once

#include <client.h>
#include <historydiff.h>

#include <QDialog>

class QLabel;
class QPlainTextEdit;
class QTableView;

namespace durable::views {

/// Compare two runs: their histories side by side, aligned by action (models::HistoryDiff), with
/// a summary line on top and the selected row's payloads (input and output) of both sides below.
/// Both histories are read through the client, off the GUI thread; loaded() says when they are in.
class CompareDialog : public QDialog {
    Q_OBJECT
public:
    /// `client` must outlive the dialog.
    CompareDialog(Client *client, const QString &leftId, const QString &rightId, QWidget *parent = nullptr);

    QString leftId() const { return m_ids[0]; }
    QString rightId() const { return m_ids[1]; }
    bool isLoaded() const { return m_loaded; }
    models::HistoryDiffModel *model() const { return m_model; }
    QLabel *summary() const { return m_summary; }
    QTableView *table() const { return m_table; }
    QPlainTextEdit *leftPayload() const { return m_payload[0]; }
    QPlainTextEdit *rightPayload() const { return m_payload[1]; }

Q_SIGNALS:
    /// Both histories were read and compared (or reading one failed: the summary says so).
    void loaded();

private:
    void arrived(int side, const Result<History> &history);
    void showPayloads(int row);

    QString m_ids[2];
    std::optional<Result<History>> m_histories[2];
    bool m_loaded = false;
    models::HistoryDiffModel *m_model;
    QLabel *m_summary;
    QTableView *m_table;
    QLabel *m_sideLabels[2];
    QPlainTextEdit *m_payload[2];
};

} // namespace durable::views
