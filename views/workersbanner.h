#pragma once

#include <hubclient.h>

#include <QFrame>

class QLabel;

namespace durable::views {

/// An information strip that says who runs the hub's workers when it is not this process: the
/// host, process id and since when, and that this window follows their changes live (and takes
/// the workers over when that process goes away). Hidden while this process runs them.
class WorkersBanner : public QFrame {
    Q_OBJECT
public:
    explicit WorkersBanner(HubClient *client, QWidget *parent = nullptr);
    /// The text shown, empty while hidden.
    QString message() const;

private:
    void update();

    HubClient *m_client;
    QLabel *m_label;
};

} // namespace durable::views
