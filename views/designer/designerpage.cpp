#include "designerpage.h"

#include "codeeditor.h"
#include "designertemplates.h"
#include "errortext.h"
#include "jshighlighter.h"
#include "jsontextedit.h"
#include "startdialog.h"

#include <QCloseEvent>
#include <QComboBox>
#include <QFile>
#include <QFormLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QShortcut>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace durable::views {

namespace {

    constexpr int SyntaxCheckDelayMs = 400;
    constexpr int MaxReplayInstances = 500;

    QString compact(const QJsonValue &value)
    {
        if (value.isUndefined())
            return {};
        const QByteArray json = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact);
        return QString::fromUtf8(json.mid(1, json.size() - 2));
    }

    /// Where a DesignService::check() error is ("file:line:column: message" or "file:line:
    /// message"; line 0 when it names no place) and its message.
    struct ErrorPlace {
        int line = 0;
        int column = 0;
        QString message;
    };
    ErrorPlace errorPlace(const QString &fileName, const QString &message)
    {
        const QRegularExpression pattern(QStringLiteral("^") + QRegularExpression::escape(fileName)
                                             + QStringLiteral(":(\\d+)(?::(\\d+))?: (.*)$"),
                                         QRegularExpression::DotMatchesEverythingOption);
        const auto match = pattern.match(message);
        if (!match.hasMatch())
            return { 0, 0, message };
        return { match.captured(1).toInt(), match.captured(2).toInt(), match.captured(3) };
    }

    /// The Detail column of a replay verdict: our sentence for a divergence; for code that now
    /// throws, what it threw (the script's own words).
    QString verdictDetail(const ReplayVerdict &verdict)
    {
        if (verdict.divergence)
            return ErrorText::divergence(*verdict.divergence);
        if (verdict.failure)
            return verdict.failure->errorType + QStringLiteral(": ") + verdict.failure->errorMessage;
        return {};
    }

    QTreeWidget *createTree(const QStringList &headers, QWidget *parent)
    {
        auto *tree = new QTreeWidget(parent);
        tree->setRootIsDecorated(false);
        tree->setUniformRowHeights(true);
        tree->setHeaderLabels(headers);
        tree->header()->setStretchLastSection(true);
        return tree;
    }

} // namespace

DesignerPage::DesignerPage(HubClient *client, DesignService *design, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_design(design)
    , m_templates(new QComboBox(this))
    , m_fileName(new QLineEdit(this))
    , m_orchestrator(new QComboBox(this))
    , m_state(new QLabel(this))
    , m_editor(new CodeEditor(this))
    , m_status(new QLabel(this))
    , m_results(new QTabWidget(this))
    , m_input(new JsonTextEdit(this))
    , m_stubs(new JsonTextEdit(this))
    , m_actionList(createTree({ tr("Step"), tr("Id"), tr("Name"), tr("Input"), tr("Answer") }, this))
    , m_replayList(createTree(
          { tr("Instance"), tr("Version"), tr("Verdict"), tr("Diverges at id"), tr("Expected vs. actual") }, this))
    , m_versionList(createTree({ tr("Version"), tr("Saved"), tr("Orchestrators"), tr("Activities") }, this))
    , m_checkButton(new QPushButton(tr("&Check"), this))
    , m_replayButton(new QPushButton(tr("&Replay test"), this))
    , m_saveButton(new QPushButton(tr("&Save as new version"), this))
    , m_runButton(new QPushButton(tr("R&un with input…"), this))
    , m_syntaxTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("designer"));
    new JsHighlighter(m_editor->document());
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setToolTip(tr("F8 moves the cursor to a syntax error"));
    auto *goToError = new QShortcut(QKeySequence(Qt::Key_F8), this);
    goToError->setContext(Qt::WidgetWithChildrenShortcut);
    // Help ▸ Keyboard Shortcuts lists QShortcuts by this text.
    goToError->setWhatsThis(tr("Go to the error"));
    connect(goToError, &QShortcut::activated, m_editor, &CodeEditor::goToError);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(createToolRow());
    auto *splitter = new QSplitter(Qt::Vertical, this);
    auto *editorPane = new QWidget(splitter);
    auto *editorLayout = new QVBoxLayout(editorPane);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    editorLayout->addWidget(m_editor, 1);
    editorLayout->addWidget(m_status);
    splitter->addWidget(editorPane);
    splitter->addWidget(createResults());
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);

    m_syntaxTimer->setSingleShot(true);
    m_syntaxTimer->setInterval(SyntaxCheckDelayMs);
    connect(m_syntaxTimer, &QTimer::timeout, this, &DesignerPage::checkSyntax);
    connect(m_editor, &QPlainTextEdit::textChanged, this, [this] {
        ++m_checkRequest; // a running check is of older code now
        m_syntaxTimer->start();
        updateState();
    });
    // Check results name places in the file: one for another file name is stale too.
    connect(m_fileName, &QLineEdit::textChanged, this, [this] { ++m_checkRequest; });
    connect(m_fileName, &QLineEdit::editingFinished, this, &DesignerPage::reloadVersions);
    connect(m_templates, &QComboBox::activated, this, &DesignerPage::templateActivated);
    connect(m_checkButton, &QPushButton::clicked, this, &DesignerPage::check);
    connect(m_replayButton, &QPushButton::clicked, this, &DesignerPage::runReplayTest);
    connect(m_saveButton, &QPushButton::clicked, this, &DesignerPage::saveAsNewVersion);
    connect(m_runButton, &QPushButton::clicked, this, &DesignerPage::openRunDialog);
    connect(m_versionList, &QTreeWidget::itemActivated, this,
            [this](QTreeWidgetItem *item) { loadVersion(item->data(0, Qt::UserRole).toInt()); });

    for (const auto &t : designerTemplates())
        m_templates->addItem(t.title);
    loadTemplate(0);
}

// Jobs post into this page only through futures whose continuations die with it.
DesignerPage::~DesignerPage() = default;

QWidget *DesignerPage::createToolRow()
{
    auto *row = new QWidget(this);
    auto *layout = new QVBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *form = new QFormLayout;
    form->addRow(tr("&Template:"), m_templates);
    auto *file = new QHBoxLayout;
    file->addWidget(m_fileName, 1);
    file->addWidget(m_state);
    auto *fileLabel = new QLabel(tr("&File:"), row);
    fileLabel->setBuddy(m_fileName);
    form->addRow(fileLabel, file);
    form->addRow(tr("&Orchestrator:"), m_orchestrator);
    layout->addLayout(form);
    auto *buttons = new QHBoxLayout;
    m_checkButton->setToolTip(tr("Syntax check and a dry run on the sample input (F5)"));
    m_checkButton->setShortcut(QKeySequence(Qt::Key_F5));
    m_replayButton->setToolTip(tr("Replay the stored histories of this orchestrator's instances against this code"));
    m_saveButton->setToolTip(tr("Save the code in the hub as a new version and register it (Ctrl+S)"));
    m_saveButton->setShortcut(QKeySequence::Save);
    for (auto *button : { m_checkButton, m_replayButton, m_saveButton, m_runButton })
        buttons->addWidget(button);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    return row;
}

QWidget *DesignerPage::createResults()
{
    auto *checkPage = new QWidget(m_results);
    auto *checkLayout = new QVBoxLayout(checkPage);
    auto *inputs = new QHBoxLayout;
    auto *inputForm = new QFormLayout;
    inputForm->addRow(tr("Sample &input:"), m_input);
    auto *stubForm = new QFormLayout;
    m_stubs->setToolTip(tr("A JSON object of answers by activity or event name; activities defined in this file "
                           "run, other activities return their input, other events carry null."));
    stubForm->addRow(tr("S&tub answers:"), m_stubs);
    inputs->addLayout(inputForm, 1);
    inputs->addLayout(stubForm, 1);
    checkLayout->addLayout(inputs);
    checkLayout->addWidget(m_actionList, 1);
    m_input->setMaximumHeight(110);
    m_stubs->setMaximumHeight(110);
    m_results->addTab(checkPage, tr("Dry run"));
    m_results->addTab(m_replayList, tr("Replay test"));
    m_results->addTab(m_versionList, tr("Versions"));
    return m_results;
}

void DesignerPage::loadTemplate(int index)
{
    const auto templates = designerTemplates();
    if (index < 0 || index >= templates.size())
        return;
    const auto &t = templates.at(index);
    m_templateIndex = index;
    m_templates->setCurrentIndex(index);
    m_fileName->setText(t.fileName);
    m_input->setJson(t.sampleInput);
    if (t.stubs.isObject())
        m_stubs->setJson(t.stubs);
    else
        m_stubs->setText(QStringLiteral("{}"));
    m_baseline = t.code;
    m_orchestrator->clear();
    m_orchestrator->addItem(t.orchestrator);
    setCode(t.code);
    m_actionList->clear();
    m_replayList->clear();
    checkSyntax();
    reloadVersions();
}

void DesignerPage::templateActivated(int index)
{
    if (index == m_templateIndex)
        return;
    if (!maybeDiscard()) {
        m_templates->setCurrentIndex(m_templateIndex);
        return;
    }
    loadTemplate(index);
}

QString DesignerPage::code() const
{
    return m_editor->toPlainText();
}

void DesignerPage::setCode(const QString &code)
{
    m_editor->setPlainText(code);
}

QString DesignerPage::fileName() const
{
    return m_fileName->text().trimmed();
}

QString DesignerPage::orchestrator() const
{
    return m_orchestrator->currentText();
}

bool DesignerPage::isModified() const
{
    return code() != m_baseline;
}

bool DesignerPage::maybeDiscard()
{
    if (!isModified())
        return true;
    const auto answer = QMessageBox::question(
        this, tr("Unsaved changes"),
        tr("The code of %1 in the Designer has changes that are not saved as a version. Discard them?").arg(fileName()),
        QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel);
    return answer == QMessageBox::Discard;
}

void DesignerPage::guardClose(QWidget *window)
{
    window->installEventFilter(this);
}

bool DesignerPage::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Close && watched->isWidgetType() && !maybeDiscard()) {
        event->ignore();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void DesignerPage::updateState()
{
    m_state->setText(isModified() ? tr("Unsaved changes") : QString());
}

void DesignerPage::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #b02020;") : QString());
}

void DesignerPage::checkCode(std::function<void(const ScriptDefinitions &)> then)
{
    m_syntaxTimer->stop();
    if (fileName().isEmpty()) {
        setStatus(tr("Enter a file name: versions are saved under it."), true);
        return;
    }
    const quint64 request = ++m_checkRequest;
    m_design->check(fileName(), code()).then(this, [this, request, then](const Result<ScriptDefinitions> &checked) {
        // Superseded, the outcome is not shown; what was asked for on this code still runs.
        const bool ok = request == m_checkRequest ? showCheck(checked) : checked && !checked->orchestrators.isEmpty();
        if (ok && then)
            then(*checked);
    });
}

bool DesignerPage::showCheck(const Result<ScriptDefinitions> &checked)
{
    if (!checked) {
        const auto [line, column, message] = errorPlace(fileName(), checked.error().message);
        if (line > 0) {
            m_editor->setErrorMarker(line, column, message);
            setStatus(column > 0 ? tr("Line %1, column %2: %3").arg(line).arg(column).arg(message)
                                 : tr("Line %1: %2").arg(line).arg(message),
                      true);
        } else {
            m_editor->clearErrorMarker();
            setStatus(ErrorText::report(tr("The code does not load."), checked.error()), true);
        }
        Q_EMIT syntaxChecked(false);
        return false;
    }
    m_editor->clearErrorMarker();
    const QString current = orchestrator();
    m_orchestrator->clear();
    m_orchestrator->addItems(checked->orchestrators);
    if (const int index = m_orchestrator->findText(current); index >= 0)
        m_orchestrator->setCurrentIndex(index);
    if (checked->orchestrators.isEmpty()) {
        setStatus(tr("No syntax errors, but the code defines no orchestrator."), true);
        Q_EMIT syntaxChecked(false);
        return false;
    }
    setStatus(tr("No syntax errors. Orchestrators: %1; activities: %2.")
                  .arg(checked->orchestrators.join(QStringLiteral(", ")),
                       checked->activities.isEmpty() ? tr("none") : checked->activities.join(QStringLiteral(", "))));
    Q_EMIT syntaxChecked(true);
    return true;
}

QString DesignerPage::draftErrorText(const Error &error) const
{
    // The service names the orchestrator; the sentence is the Designer's.
    if (error.code == ErrorCode::UnknownOrchestrator)
        return tr("the code defines no orchestrator named %1").arg(error.message);
    return error.message;
}

void DesignerPage::checkSyntax()
{
    checkCode({});
}

void DesignerPage::check()
{
    m_actionList->clear();
    m_results->setCurrentIndex(0);
    ScriptDraft draft { fileName(), code(), orchestrator() };
    checkCode([this, draft](const ScriptDefinitions &definitions) mutable {
        if (!m_input->isValid() || !m_stubs->isValid()) {
            setStatus(tr("The sample input or the stub answers are not valid JSON."), true);
            return;
        }
        if (!m_stubs->value().isObject() && !m_stubs->value().isNull()) {
            setStatus(tr("The stub answers must be a JSON object."), true);
            return;
        }
        // As the orchestrator box does: the one chosen stays chosen while the code defines it.
        if (!definitions.orchestrators.contains(draft.orchestrator))
            draft.orchestrator = definitions.orchestrators.first();
        const quint64 request = ++m_dryRunRequest;
        m_design->dryRun(draft, m_input->value(), m_stubs->value().toObject(), QDateTime::currentDateTimeUtc())
            .then(this, [this, request](const Result<DryRunReport> &result) {
                if (request != m_dryRunRequest)
                    return;
                if (result) {
                    showDryRun(*result);
                    return;
                }
                m_actionList->clear();
                setStatus(ErrorText::report(tr("The dry run could not start."),
                                            Error { result.error().code, draftErrorText(result.error()) }),
                          true);
                Q_EMIT checkFinished();
            });
    });
}

void DesignerPage::showDryRun(const DryRunReport &result)
{
    using Kind = DryRunStep::Kind;
    m_actionList->clear();
    for (const auto &step : result.steps) {
        QString what;
        QString input = compact(step.input);
        switch (step.kind) {
        case Kind::Activity:
            what = tr("Call activity");
            break;
        case Kind::SubOrchestration:
            what = tr("Call sub-orchestration");
            break;
        case Kind::Timer:
            what = tr("Start timer");
            input = QLocale().toString(step.fireAt.toLocalTime(), QLocale::ShortFormat);
            break;
        case Kind::SendEvent:
            what = tr("Send event");
            break;
        case Kind::WaitForEvent:
            what = tr("Wait for event");
            break;
        }
        auto *item = new QTreeWidgetItem(m_actionList);
        item->setText(StepColumn, what);
        item->setText(IdColumn, step.id >= 0 ? QString::number(step.id) : QString());
        item->setText(NameColumn, step.name);
        item->setText(InputColumn, input);
        // Timers have no answer, and awaiting an event has no input.
        if (step.failure) {
            // An activity of this file threw when the dry run ran it.
            const auto &f = *step.failure;
            item->setText(AnswerColumn,
                          f.line > 0 ? tr("failed: %1: %2 (line %3)").arg(f.errorType, f.errorMessage).arg(f.line)
                                     : tr("failed: %1: %2").arg(f.errorType, f.errorMessage));
            item->setForeground(AnswerColumn, QColor(176, 32, 32));
        } else if (step.kind != Kind::Timer) {
            item->setText(AnswerColumn, compact(step.answer));
        }
        if (step.kind == Kind::WaitForEvent)
            item->setText(InputColumn, QString());
    }
    auto *end = new QTreeWidgetItem(m_actionList);
    if (result.outcome && result.outcome->status == RuntimeStatus::Failed) {
        const auto &failure = result.outcome->failure;
        end->setText(StepColumn, tr("Failed"));
        end->setText(AnswerColumn,
                     failure ? failure->errorType + QStringLiteral(": ") + failure->errorMessage : QString());
        end->setForeground(AnswerColumn, QColor(176, 32, 32));
        setStatus(tr("The dry run failed: %1").arg(end->text(AnswerColumn)), true);
        // A script error names its place: mark that line like a syntax error.
        if (failure && failure->line > 0 && failure->file == fileName()) {
            end->setText(AnswerColumn, end->text(AnswerColumn) + tr(" (line %1)").arg(failure->line));
            m_editor->setErrorMarker(failure->line, 0, end->text(AnswerColumn));
        }
    } else if (result.outcome) {
        end->setText(StepColumn,
                     result.outcome->status == RuntimeStatus::ContinuedAsNew ? tr("Continue as new") : tr("Completed"));
        end->setText(AnswerColumn,
                     compact(result.outcome->status == RuntimeStatus::ContinuedAsNew ? result.outcome->continueInput
                                                                                     : result.outcome->output));
        setStatus(tr("Dry run: %n step(s), then the orchestration ends.", nullptr, int(result.steps.size())));
    } else if (result.stepLimitReached) {
        end->setText(StepColumn, tr("Stopped"));
        end->setText(AnswerColumn,
                     tr("after %n step(s); give the stubs answers that end it", nullptr, int(result.steps.size())));
        setStatus(tr("The dry run stopped at the step limit."), true);
    } else {
        end->setText(StepColumn, tr("Waiting"));
        end->setText(AnswerColumn, tr("for something the dry run cannot answer"));
        setStatus(tr("Dry run: %n step(s), then the orchestration waits.", nullptr, int(result.steps.size())));
    }
    QFont bold = end->font(StepColumn);
    bold.setBold(true);
    end->setFont(StepColumn, bold);
    for (int c = 0; c < ActionColumnCount - 1; ++c)
        m_actionList->resizeColumnToContents(c);
    Q_EMIT checkFinished();
}

void DesignerPage::runReplayTest()
{
    m_replayList->clear();
    m_results->setCurrentWidget(m_replayList);
    ScriptDraft draft { fileName(), code(), orchestrator() };
    checkCode([this, draft](const ScriptDefinitions &definitions) mutable {
        if (!definitions.orchestrators.contains(draft.orchestrator))
            draft.orchestrator = definitions.orchestrators.first();
        const quint64 request = ++m_replayRequest;
        m_design->replayTest(draft, MaxReplayInstances)
            .then(this, [this, request, name = draft.orchestrator](const Result<ReplayTestReport> &result) {
                if (request != m_replayRequest)
                    return;
                if (result)
                    showReplayTest(name, result->verdicts, result->versions, {});
                else
                    showReplayTest(name, {}, {}, Error { result.error().code, draftErrorText(result.error()) });
            });
        setStatus(tr("Replaying the stored instances of %1…").arg(draft.orchestrator));
    });
}

void DesignerPage::showReplayTest(const QString &name, const QList<ReplayVerdict> &verdicts,
                                  const QHash<QString, QString> &versions, const std::optional<Error> &error)
{
    using Kind = ReplayVerdict::Kind;
    m_replayList->clear();
    if (error) {
        setStatus(ErrorText::report(tr("The replay test could not run."), *error), true);
        Q_EMIT replayTestFinished();
        return;
    }
    int diverged = 0;
    for (const auto &verdict : verdicts) {
        auto *item = new QTreeWidgetItem(m_replayList);
        item->setText(InstanceColumn, verdict.instanceId);
        item->setText(VersionColumn, versions.value(verdict.instanceId));
        switch (verdict.kind) {
        case Kind::Deterministic:
            item->setText(VerdictColumn, tr("Deterministic"));
            item->setForeground(VerdictColumn, QColor(0, 120, 60));
            break;
        case Kind::Diverged:
            item->setText(VerdictColumn, tr("Diverges"));
            item->setForeground(VerdictColumn, QColor(176, 32, 32));
            ++diverged;
            break;
        case Kind::Failed:
            item->setText(VerdictColumn, tr("Fails"));
            item->setForeground(VerdictColumn, QColor(176, 32, 32));
            ++diverged;
            break;
        }
        const QString detail = verdictDetail(verdict);
        item->setText(DivergesAtColumn, verdict.divergence ? QString::number(verdict.divergence->actionId) : QString());
        item->setText(DetailColumn, detail);
        item->setToolTip(DetailColumn, detail);
    }
    for (int c = 0; c < ReplayColumnCount - 1; ++c)
        m_replayList->resizeColumnToContents(c);
    if (verdicts.isEmpty())
        setStatus(tr("No stored instances of %1 to replay.").arg(name));
    else if (diverged == 0)
        setStatus(tr("All %n instance(s) of %1 replay deterministically with this code.", nullptr, int(verdicts.size()))
                      .arg(name));
    else
        setStatus(tr("%1 of %n instance(s) would break with this code.", nullptr, int(verdicts.size())).arg(diverged),
                  true);
    Q_EMIT replayTestFinished();
}

StartDialog *DesignerPage::openRunDialog()
{
    const QString name = orchestrator();
    if (name.isEmpty() || !m_client->registry().orchestrator(name)) {
        setStatus(tr("Save the code as a new version before running %1.").arg(name), true);
        return nullptr;
    }
    if (isModified())
        setStatus(tr("The code has unsaved changes: the run uses the latest saved version."), true);
    auto *dialog = new StartDialog(m_client->registry(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setOrchestrator(name, m_input->isValid() ? m_input->value() : QJsonValue(QJsonValue::Undefined));
    // The dialog starts the run itself: it asks before replacing a finished instance of the same id
    // and keeps the dialog open, with the error under its field, when the engine refuses.
    dialog->setClient(m_client);
    connect(dialog, &StartDialog::started, this, [this, name](const QString &id) {
        setStatus(tr("Started %1 as %2.").arg(name, id));
        Q_EMIT instanceStarted(id);
    });
    dialog->open();
    return dialog;
}

} // namespace durable::views
