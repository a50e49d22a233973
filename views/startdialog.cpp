#include "startdialog.h"

#include "errortext.h"
#include "jsontextedit.h"

#include <formatting.h>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>

namespace durable::views {

namespace {
    QLabel *errorLabel(const QString &name, QWidget *parent)
    {
        auto *label = new QLabel(parent);
        label->setObjectName(name);
        label->setWordWrap(true);
        label->setStyleSheet(QStringLiteral("color: #d32f2f"));
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        label->hide();
        return label;
    }

    void showText(QLabel *label, const QString &text)
    {
        label->setText(text);
        label->setVisible(!text.isEmpty());
    }

    /// "12:03:11" today, the date too otherwise.
    QString endTime(const QDateTime &time)
    {
        if (!time.isValid())
            return {};
        const auto local = time.toLocalTime();
        return local.date() == QDate::currentDate() ? local.toString(QStringLiteral("HH:mm:ss"))
                                                    : models::formatTime(time);
    }
} // namespace

StartDialog::StartDialog(const Registry &registry, QWidget *parent)
    : QDialog(parent)
    , m_registry(registry)
    , m_name(new QComboBox(this))
    , m_description(new QLabel(this))
    , m_instanceId(new QLineEdit(this))
    , m_idError(errorLabel(QStringLiteral("idError"), this))
    , m_input(new JsonTextEdit(this))
    , m_reason(new QLabel(this))
    , m_general(errorLabel(QStringLiteral("startError"), this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Start orchestration"));
    auto *form = new QFormLayout(this);
    for (const auto &info : registry.orchestrators())
        m_name->addItem(info.name);
    m_description->setWordWrap(true);
    m_instanceId->setPlaceholderText(tr("optional: a new random id"));
    m_reason->setObjectName(QStringLiteral("startReason"));
    m_reason->setWordWrap(true);
    form->addRow(tr("&Orchestrator:"), m_name);
    form->addRow(QString(), m_description);
    form->addRow(tr("Instance &id:"), m_instanceId);
    form->addRow(QString(), m_idError);
    form->addRow(tr("&Input (JSON):"), m_input);
    form->addRow(m_reason);
    form->addRow(m_general);
    form->addRow(m_buttons);
    m_buttons->addButton(tr("&Start"), QDialogButtonBox::AcceptRole);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &StartDialog::requestStart);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QComboBox::currentTextChanged, this, [this](const QString &name) { setOrchestrator(name); });
    // Every change of the error, not only of validity: the button's tooltip must not keep an
    // earlier text's error.
    connect(m_input, &JsonTextEdit::errorChanged, this, &StartDialog::updateState);
    connect(m_instanceId, &QLineEdit::textChanged, this, [this] {
        showText(m_idError, {}); // an engine's verdict on the old id no longer holds
        updateState();
    });
    if (m_name->count() > 0)
        setOrchestrator(m_name->itemText(0));
    resize(520, 420);
    updateState();
}

void StartDialog::setOrchestrator(const QString &name, const QJsonValue &input)
{
    const auto info = m_registry.orchestrator(name);
    if (!info)
        return;
    if (m_name->currentText() != name) {
        const QSignalBlocker blocker(m_name);
        m_name->setCurrentText(name);
    }
    m_description->setText(info->description);
    m_input->setJson(input.isUndefined() ? info->sampleInput : input);
    updateState();
}

QString StartDialog::orchestrator() const
{
    return m_name->currentText();
}

QString StartDialog::instanceId() const
{
    return m_instanceId->text().trimmed();
}

QJsonValue StartDialog::input() const
{
    return m_input->value();
}

QString StartDialog::idError() const
{
    return m_idError->isVisibleTo(this) ? m_idError->text() : QString();
}

QString StartDialog::generalError() const
{
    return m_general->isVisibleTo(this) ? m_general->text() : QString();
}

QPushButton *StartDialog::startButton() const
{
    for (auto *button : m_buttons->buttons()) {
        if (m_buttons->buttonRole(button) == QDialogButtonBox::AcceptRole)
            return qobject_cast<QPushButton *>(button);
    }
    return nullptr;
}

void StartDialog::updateState()
{
    // Each problem is told once, under the field it concerns; the Start button's tooltip repeats
    // the same words. (The JSON editor shows its own error line.)
    const QString blocking = blockingReason();
    const bool noOrchestrators = m_name->count() == 0;
    if (!noOrchestrators && m_input->isValid() && !blocking.isEmpty())
        showText(m_idError, blocking); // the id's problem, under the id
    showText(m_reason, noOrchestrators ? blocking : QString());
    if (auto *start = startButton()) {
        start->setEnabled(blocking.isEmpty() && !m_busy);
        start->setToolTip(blocking);
    }
}

QString StartDialog::blockingReason() const
{
    if (m_name->count() == 0)
        return tr("No orchestrators are registered.");
    if (!m_input->isValid())
        return m_input->error();
    if (const auto id = instanceId(); id.contains(QLatin1Char('/')) || id.contains(QLatin1Char('\\'))
        || id.contains(QLatin1Char('#')) || id.contains(QLatin1Char('?')))
        return tr("An instance id may not contain / \\ # or ?");
    return {};
}

void StartDialog::setBusy(bool busy)
{
    m_busy = busy;
    // Nothing typed changes what is being started, and Cancel cannot drop a start the engine
    // will still make.
    for (QWidget *field : std::initializer_list<QWidget *> { m_name, m_instanceId, m_input })
        field->setEnabled(!busy);
    if (auto *cancel = m_buttons->button(QDialogButtonBox::Cancel))
        cancel->setEnabled(!busy);
    updateState();
}

void StartDialog::reject()
{
    if (m_busy)
        return; // Escape or the close button while the start is in flight: see setBusy()
    QDialog::reject();
}

void StartDialog::requestStart()
{
    if (!m_client)
        return accept();
    if (m_busy || !startButton()->isEnabled())
        return; // one start at a time: a second Return while the first is in flight does nothing
    showText(m_general, {});
    showText(m_idError, {});
    setBusy(true);
    const auto id = instanceId();
    if (id.isEmpty())
        return startNow({});
    checkExisting(id);
}

void StartDialog::checkExisting(const QString &id)
{
    // The engine replaces a finished instance without asking (as Durable Functions does); the
    // dialog asks first. Between this read and the start another client may act: the start says
    // "only if it is still new" (or "only that run", after the question), and a refusal sends the
    // dialog back here to show what is there now.
    m_client->status(id, false, false).then(this, [this, id](const Result<InstanceInfo> &found) {
        if (id != instanceId()) // edited meanwhile: check again on the next Start
            return setBusy(false);
        if (!found && found.error().code == ErrorCode::NotFound) {
            Client::StartOptions guard;
            guard.onlyIfNew = true;
            return startNow(guard);
        }
        if (!found) {
            setBusy(false);
            return showStartError(found.error());
        }
        if (!isTerminal(found->status)) {
            setBusy(false);
            return showText(m_idError,
                            tr("%1 is %2: an instance id can be reused only once it has finished. "
                               "Choose another id, or terminate that instance first.")
                                .arg(id, statusName(found->status)));
        }
        askReplace(*found);
    });
}

void StartDialog::askReplace(const InstanceInfo &existing)
{
    auto *box
        = new QMessageBox(QMessageBox::Warning, tr("Replace instance"),
                          tr("Replace the %1 instance %2 (finished %3)? Its history will be lost.")
                              .arg(statusName(existing.status), existing.instanceId, endTime(existing.completedAt)),
                          QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("replaceConfirm"));
    auto *replace = box->addButton(tr("&Replace"), QMessageBox::DestructiveRole);
    replace->setObjectName(QStringLiteral("replaceButton"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setEscapeButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    m_question = box;
    const auto seen = existing.executionId;
    connect(box, &QMessageBox::finished, this, [this, box, replace, seen] {
        if (box->clickedButton() == replace) {
            Client::StartOptions guard;
            guard.replaceExecutionId = seen; // not a run that came after the question
            return startNow(guard);
        }
        setBusy(false);
        m_instanceId->setFocus(Qt::OtherFocusReason);
    });
    box->open();
}

void StartDialog::startNow(const Client::StartOptions &guard)
{
    if (const auto blocking = blockingReason(); !blocking.isEmpty()) {
        setBusy(false); // shows the reason again where it belongs
        return;
    }
    Client::StartOptions options = guard;
    options.instanceId = instanceId();
    const bool guarded = options.onlyIfNew || !options.replaceExecutionId.isEmpty();
    m_client->start(orchestrator(), input(), options).then(this, [this, guarded, options](const Result<QString> &id) {
        if (!id && guarded && id.error().code == ErrorCode::AlreadyExists)
            return checkExisting(options.instanceId); // another client came between: look again
        setBusy(false);
        if (!id)
            return showStartError(id.error());
        Q_EMIT started(*id);
        accept();
    });
}

void StartDialog::showStartError(const Error &error)
{
    const auto text = ErrorText::explain(error);
    switch (error.code) {
    case ErrorCode::AlreadyExists:
    case ErrorCode::InvalidArgument:
        showText(m_idError, text);
        m_instanceId->setFocus(Qt::OtherFocusReason);
        break;
    case ErrorCode::PayloadTooLarge:
        m_input->showError(text);
        break;
    default:
        showText(m_general, tr("Starting %1 failed.").arg(orchestrator()) + QLatin1Char('\n') + text);
        break;
    }
}

} // namespace durable::views
