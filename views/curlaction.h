#pragma once

#include <types.h>

#include <QObject>

#include <functional>
#include <optional>

class QAction;

namespace durable::views {

/// Instance ▸ Copy as curl (Ctrl+Shift+C): puts on the clipboard the curl command lines of the
/// HTTP API calls that start an instance like the current one and act on it
/// (models::CurlCommands), addressed to the workbench's HTTP API. The key stays out of the text:
/// the commands read it from $DURABLE_KEY.
class CopyAsCurl : public QObject {
    Q_OBJECT
public:
    /// The API's default address until setBaseUrlSource() names the running one.
    static constexpr auto DefaultBaseUrl = "http://127.0.0.1:7071/runtime/webhooks/durabletask";

    explicit CopyAsCurl(QObject *parent = nullptr);

    QAction *action() const { return m_action; }
    void setCurrent(const std::optional<InstanceInfo> &info);
    /// Where the API's base URL (with its mount) is read when the commands are made.
    void setBaseUrlSource(std::function<QString()> source) { m_baseUrl = std::move(source); }
    /// The commands for the current instance; empty when there is none.
    QString commands() const;

private:
    QAction *m_action;
    std::optional<InstanceInfo> m_current;
    std::function<QString()> m_baseUrl;
};

} // namespace durable::views
