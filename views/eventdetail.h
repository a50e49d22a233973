#pragma once

#include <eventdetails.h>

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QToolButton;

namespace durable::views {

class JsonViewer;

/// The History page's event detail: the selected event's readable type, sequence number, action
/// id, name, timestamps (absolute and since the execution started), links to the event it
/// completes or that completes it, its payload in full (a JSON tree, or text for strings and for
/// payloads too large for a tree) with Copy, and the log lines around it.
///
/// A payload above PreviewChars characters shows only its beginning until "Show all" is pressed,
/// so a megabyte result does not stall the window while stepping through the history; Copy always
/// copies all of it.
class EventDetailPane : public QWidget {
    Q_OBJECT
public:
    static constexpr int PreviewChars = 100'000;

    explicit EventDetailPane(QWidget *parent = nullptr);

    /// The history and log lines the positions refer to; keeps the shown position when it still exists.
    void setHistory(const History &history, const QList<LogLine> &logs);
    /// Shows the event at `position` (a history index); out of range: nothing.
    void showPosition(int position);
    const models::EventDetails &details() const { return m_details; }

    /// The whole payload as text (pretty JSON, or the string itself); what Copy copies.
    QString payloadText() const { return m_payloadText; }
    /// True while only the beginning of a large payload is shown.
    bool isPayloadTruncated() const;
    /// Shows the rest of a truncated payload (what "Show all" does).
    void showWholePayload();

    QLabel *title() const { return m_title; }
    QLabel *links() const { return m_links; }
    QLabel *timestamps() const { return m_time; }
    JsonViewer *jsonViewer() const { return m_json; }
    QPlainTextEdit *payloadEdit() const { return m_text; }
    QPlainTextEdit *logView() const { return m_logs; }

Q_SIGNALS:
    /// A link to another event was activated (mouse or keyboard); `position` is its history index.
    void positionActivated(int position);

private:
    void refresh();
    void showPayload(const QJsonValue &payload);
    QString linkTo(qsizetype position) const;

    History m_history;
    HistoryPairing m_pairing;
    QList<LogLine> m_logLines;
    models::EventDetails m_details;
    QString m_payloadText;

    QLabel *m_title;
    QLabel *m_sequence;
    QLabel *m_actionId;
    QLabel *m_name;
    QLabel *m_time;
    QLabel *m_links;
    QStackedWidget *m_payloadStack;
    JsonViewer *m_json;
    QWidget *m_textPage;
    QPlainTextEdit *m_text;
    QPushButton *m_showAll;
    QLabel *m_logTitle;
    QPlainTextEdit *m_logs;
};

} // namespace durable::views
